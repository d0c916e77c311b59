package io.berth.app.discovery;

import io.berth.reconciler.discovery.Endpoint;
import io.berth.reconciler.discovery.Endpoints;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Answers one DNS query for the zone {@code DOMAIN.} from services' {@link Endpoints}; the wire format is dnsjava's.
 * Names (case-insensitive, as DNS names are):
 * <ul>
 *   <li>{@code NAME.CLUSTER.DOMAIN.} A / AAAA: the distinct addresses of the service's healthy tasks; SRV: one
 *       record per healthy task, port = the host port of its first published port (first container that publishes
 *       one, first mapping), target = the task's own name below;</li>
 *   <li>{@code _PORT._PROTO.NAME.CLUSTER.DOMAIN.} SRV: the same, for the mapping whose container port is PORT (a
 *       number) or, when PORT is a container's name, that container's first mapping; PROTO is tcp or udp;</li>
 *   <li>{@code TASKID.NAME.CLUSTER.DOMAIN.} A / AAAA: the address of that task while it is healthy (a CNAME when
 *       the instance was registered by host name).</li>
 * </ul>
 * NXDOMAIN for names of no service (or of a task not healthy), an empty NOERROR for other types of existing names
 * and for a service without healthy tasks, REFUSED for other zones and zone transfers, NOTIMP for other opcodes.
 */
final class DnsAnswers {

    /** Where answers come from: the database in Berth, a map in tests. */
    interface Lookup {
        Optional<Endpoints> service(String cluster, String service);

        boolean clusterExists(String cluster);
    }

    private static final int MAX_LABEL = 63;

    private final Name zone;
    private final long ttl;
    private final Lookup lookup;
    private final SOARecord soa;

    DnsAnswers(String domain, long ttlSeconds, Lookup lookup) {
        try {
            this.zone = Name.fromString(domain.endsWith(".") ? domain : domain + ".");
            this.soa = new SOARecord(zone, DClass.IN, ttlSeconds, Name.fromString("ns", zone),
                    Name.fromString("hostmaster", zone), 1, 3600, 600, 86400, ttlSeconds);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("berth.discovery.dns.domain is not a domain name: " + domain, e);
        }
        this.ttl = ttlSeconds;
        this.lookup = lookup;
    }

    Name zone() {
        return zone;
    }

    /** The answer to {@code query}; never throws for what a client may send (a lookup failure is SERVFAIL). */
    Message answer(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.getHeader().setOpcode(query.getHeader().getOpcode());
        Record question = query.getQuestion();
        if (question != null) {
            response.addRecord(question, Section.QUESTION);
        }
        if (query.getHeader().getOpcode() != Opcode.QUERY) {
            response.getHeader().setRcode(Rcode.NOTIMP);
            return response;
        }
        if (question == null || query.getHeader().getCount(Section.QUESTION) != 1) {
            response.getHeader().setRcode(Rcode.FORMERR);
            return response;
        }
        Name name = question.getName();
        int type = question.getType();
        if (!name.subdomain(zone) || (question.getDClass() != DClass.IN && question.getDClass() != DClass.ANY)
                || type == Type.AXFR || type == Type.IXFR) {
            response.getHeader().setRcode(Rcode.REFUSED);
            return response;
        }
        response.getHeader().setFlag(Flags.AA);
        try {
            if (!answerInZone(response, name, type)) {
                response.getHeader().setRcode(Rcode.NXDOMAIN);
            }
        } catch (RuntimeException e) {
            response.removeAllRecords(Section.ANSWER);
            response.removeAllRecords(Section.ADDITIONAL);
            response.getHeader().unsetFlag(Flags.AA);
            response.getHeader().setRcode(Rcode.SERVFAIL);
            return response;
        }
        if (response.getHeader().getCount(Section.ANSWER) == 0) {
            response.addRecord(soa, Section.AUTHORITY); // negative answers are cached for the SOA's minimum (the TTL)
        }
        return response;
    }

    /** Adds the answer records; false when the name does not exist. */
    private boolean answerInZone(Message response, Name name, int type) {
        int depth = name.labels() - zone.labels();
        List<String> labels = new ArrayList<>(); // leftmost first
        for (int i = 0; i < depth; i++) {
            labels.add(name.getLabelString(i));
        }
        switch (depth) {
            case 0 -> {
                if (type == Type.SOA || type == Type.ANY) {
                    response.addRecord(soa, Section.ANSWER);
                }
                return true;
            }
            case 1 -> {
                return lookup.clusterExists(labels.get(0));
            }
            case 2 -> {
                Optional<Endpoints> e = lookup.service(labels.get(1), labels.get(0));
                e.ifPresent(endpoints -> serviceRecords(response, name, type, endpoints, null, null));
                return e.isPresent();
            }
            case 3 -> {
                Optional<Endpoints> e = lookup.service(labels.get(2), labels.get(1));
                if (e.isEmpty()) {
                    return false;
                }
                String task = labels.get(0).toLowerCase(Locale.ROOT);
                Optional<Endpoint> endpoint = e.get().endpoints().stream()
                        .filter(ep -> ep.taskId().toString().equals(task)).findFirst();
                endpoint.ifPresent(ep -> addressRecords(response, name, type, ep.address(), Section.ANSWER));
                return endpoint.isPresent();
            }
            case 4 -> {
                String port = labels.get(0);
                String protocol = labels.get(1).toLowerCase(Locale.ROOT);
                if (!port.startsWith("_") || !(protocol.equals("_tcp") || protocol.equals("_udp"))) {
                    return false;
                }
                Optional<Endpoints> e = lookup.service(labels.get(3), labels.get(2));
                e.ifPresent(endpoints -> serviceRecords(response, name, type, endpoints, port.substring(1),
                        protocol.substring(1)));
                return e.isPresent();
            }
            default -> {
                return false;
            }
        }
    }

    private void serviceRecords(Message response, Name name, int type, Endpoints endpoints, String port, String protocol) {
        boolean any = type == Type.ANY;
        if (port == null && (type == Type.A || type == Type.AAAA || any)) {
            Set<String> seen = new LinkedHashSet<>();
            for (Endpoint ep : endpoints.endpoints()) {
                if (seen.add(ep.address())) {
                    ipRecord(name, type, ep.address()).ifPresent(r -> response.addRecord(r, Section.ANSWER));
                }
            }
        }
        if (type != Type.SRV && !any) {
            return;
        }
        Set<String> targets = new LinkedHashSet<>();
        for (Endpoint ep : endpoints.endpoints()) {
            Optional<Endpoint.Port> p = pick(ep, port, protocol);
            if (p.isEmpty()) {
                continue;
            }
            Name target = taskName(endpoints, ep);
            if (target == null) {
                continue;
            }
            response.addRecord(new SRVRecord(name, DClass.IN, ttl, 0, 1, p.get().hostPort(), target), Section.ANSWER);
            if (targets.add(target.toString())) {
                addressRecords(response, target, Type.ANY, ep.address(), Section.ADDITIONAL);
            }
        }
    }

    /** The port an SRV record gives: the first published one, or the one PORT (number or container name) names. */
    static Optional<Endpoint.Port> pick(Endpoint ep, String port, String protocol) {
        if (port == null) {
            return ep.ports().stream().findFirst();
        }
        return ep.ports().stream().filter(p -> p.protocol().equalsIgnoreCase(protocol))
                .filter(p -> String.valueOf(p.containerPort()).equals(port) || p.containerName().equalsIgnoreCase(port))
                .findFirst();
    }

    /** TASKID.NAME.CLUSTER.DOMAIN.; null when the service's or cluster's name is too long for a DNS label. */
    private Name taskName(Endpoints endpoints, Endpoint ep) {
        if (endpoints.service().length() > MAX_LABEL || endpoints.cluster().length() > MAX_LABEL) {
            return null;
        }
        try {
            return Name.concatenate(Name.fromString(ep.taskId() + "." + endpoints.service() + "." + endpoints.cluster(),
                    null), zone);
        } catch (TextParseException | org.xbill.DNS.NameTooLongException e) {
            return null;
        }
    }

    /** A / AAAA for an IP literal (as the type asks); a CNAME for an instance registered by host name. */
    private void addressRecords(Message response, Name name, int type, String address, int section) {
        Optional<Record> ip = ipRecord(name, type, address);
        if (ip.isPresent()) {
            response.addRecord(ip.get(), section);
            return;
        }
        if (literal(address) == null && section == Section.ANSWER) {
            try {
                response.addRecord(new CNAMERecord(name, DClass.IN, ttl, Name.fromString(address, Name.root)), section);
            } catch (TextParseException e) {
                // not a name either: nothing to say about this task
            }
        }
    }

    private Optional<Record> ipRecord(Name name, int type, String address) {
        InetAddress ip = literal(address);
        if (ip == null) {
            return Optional.empty();
        }
        boolean v4 = ip.getAddress().length == 4;
        if (v4 && (type == Type.A || type == Type.ANY)) {
            return Optional.of(new ARecord(name, DClass.IN, ttl, ip));
        }
        if (!v4 && (type == Type.AAAA || type == Type.ANY)) {
            return Optional.of(new AAAARecord(name, DClass.IN, ttl, ip));
        }
        return Optional.empty();
    }

    /** The address if it is an IP literal (never a lookup); null otherwise. */
    static InetAddress literal(String address) {
        if (address == null) {
            return null;
        }
        byte[] bytes = Address.toByteArray(address, Address.IPv4);
        if (bytes == null) {
            bytes = Address.toByteArray(address, Address.IPv6);
        }
        try {
            return bytes == null ? null : InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
