package io.berth.app.discovery;

import io.berth.reconciler.discovery.Endpoint;
import io.berth.reconciler.discovery.Endpoints;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link DnsAnswers} without a network or database: the rules a DNS server must follow, on dnsjava messages. */
class DnsAnswersTest {

    static final UUID V4 = UUID.fromString("10000000-0000-4000-8000-000000000001");
    static final UUID V6 = UUID.fromString("20000000-0000-4000-8000-000000000002");
    static final UUID NAMED = UUID.fromString("30000000-0000-4000-8000-000000000003");
    static final UUID HOST = UUID.randomUUID();
    static final Endpoints API = new Endpoints("prod", "api", List.of(
            new Endpoint(V4, HOST, "198.18.0.11", List.of(new Endpoint.Port("api", 8080, "tcp", 32768),
                    new Endpoint.Port("api", 53, "udp", 32769))),
            new Endpoint(V6, HOST, "fd00::12", List.of(new Endpoint.Port("api", 8080, "tcp", 32770))),
            new Endpoint(NAMED, HOST, "docker-3.example", List.of(new Endpoint.Port("api", 8080, "tcp", 32771)))), 3);
    static final Map<String, Endpoints> SERVICES = Map.of("prod/api", API,
            "prod/idle", new Endpoints("prod", "idle", List.of(), 0));

    final DnsAnswers answers = new DnsAnswers("berth", 5, new DnsAnswers.Lookup() {
        @Override
        public Optional<Endpoints> service(String cluster, String service) {
            return Optional.ofNullable(SERVICES.get(cluster + "/" + service));
        }

        @Override
        public boolean clusterExists(String cluster) {
            return cluster.equals("prod");
        }
    });

    Message ask(String name, int type) throws Exception {
        return answers.answer(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
    }

    @Test
    void aAndAaaaGiveTheAddressesOfTheirFamily() throws Exception {
        assertThat(ask("api.prod.berth.", Type.A).getSection(Section.ANSWER)).extracting(Record::rdataToString)
                .containsExactly("198.18.0.11");
        assertThat(ask("api.prod.berth.", Type.AAAA).getSection(Section.ANSWER)).extracting(Record::rdataToString)
                .containsExactly("fd00:0:0:0:0:0:0:12");
    }

    @Test
    void srvPicksTheFirstPortOrTheNamedOneWithItsProtocol() throws Exception {
        assertThat(ask("api.prod.berth.", Type.SRV).getSection(Section.ANSWER))
                .extracting(r -> ((SRVRecord) r).getPort()).containsExactly(32768, 32770, 32771);
        assertThat(ask("_53._udp.api.prod.berth.", Type.SRV).getSection(Section.ANSWER))
                .extracting(r -> ((SRVRecord) r).getPort()).containsExactly(32769);
        assertThat(ask("_api._tcp.api.prod.berth.", Type.SRV).getSection(Section.ANSWER)).hasSize(3);
        assertThat(ask("_53._tcp.api.prod.berth.", Type.SRV).getSection(Section.ANSWER)).isEmpty();
        assertThat(ask("_53._sctp.api.prod.berth.", Type.SRV).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void aTaskOnAnInstanceRegisteredByHostNameIsACname() throws Exception {
        Message m = ask(NAMED + ".api.prod.berth.", Type.A);
        assertThat(m.getSection(Section.ANSWER)).singleElement().isInstanceOfSatisfying(CNAMERecord.class,
                r -> assertThat(r.getTarget().toString()).isEqualTo("docker-3.example."));
        assertThat(ask(V6 + ".api.prod.berth.", Type.AAAA).getSection(Section.ANSWER)).hasSize(1);
        assertThat(ask(V6 + ".api.prod.berth.", Type.A).getSection(Section.ANSWER)).isEmpty();
    }

    @Test
    void existingNamesWithoutRecordsAreEmptyAnswersAndOthersNxdomain() throws Exception {
        Message idle = ask("idle.prod.berth.", Type.A);
        assertThat(idle.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(idle.getSection(Section.ANSWER)).isEmpty();
        assertThat(idle.getSection(Section.AUTHORITY)).singleElement().extracting(Record::getType).isEqualTo(Type.SOA);
        assertThat(ask("prod.berth.", Type.A).getRcode()).as("a cluster: empty non-terminal").isEqualTo(Rcode.NOERROR);
        assertThat(ask("berth.", Type.SOA).getSection(Section.ANSWER)).singleElement().extracting(Record::getType)
                .isEqualTo(Type.SOA);
        assertThat(ask("dev.berth.", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(ask("a.b.c.d.e.berth.", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(ask(UUID.randomUUID() + ".api.prod.berth.", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void otherZonesClassesAndOpcodesAreRefusedOrNotImplemented() throws Exception {
        assertThat(ask("api.prod.example.", Type.A).getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(answers.answer(Message.newQuery(Record.newRecord(Name.fromString("api.prod.berth."), Type.A, DClass.CH)))
                .getRcode()).isEqualTo(Rcode.REFUSED);
        Message notify = Message.newQuery(Record.newRecord(Name.fromString("berth."), Type.SOA, DClass.IN));
        notify.getHeader().setOpcode(Opcode.NOTIFY);
        assertThat(answers.answer(notify).getRcode()).isEqualTo(Rcode.NOTIMP);
        Message none = new Message();
        assertThat(answers.answer(none).getRcode()).isEqualTo(Rcode.FORMERR);
    }

    @Test
    void aLookupThatFailsIsServfail() throws Exception {
        DnsAnswers broken = new DnsAnswers("berth", 5, new DnsAnswers.Lookup() {
            @Override
            public Optional<Endpoints> service(String cluster, String service) {
                throw new IllegalStateException("database down");
            }

            @Override
            public boolean clusterExists(String cluster) {
                throw new IllegalStateException("database down");
            }
        });
        assertThat(broken.answer(Message.newQuery(Record.newRecord(Name.fromString("api.prod.berth."), Type.A, DClass.IN)))
                .getRcode()).isEqualTo(Rcode.SERVFAIL);
    }
}
