package io.berth.app.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * {@code berth.audit.*}.
 *
 * @param retention      events older than this are deleted (default 90 days)
 * @param log            also write each event as one JSON line on the logger {@code berth.audit} (for a log shipper)
 * @param trustedProxies addresses or CIDR ranges of reverse proxies whose {@code X-Forwarded-For} is believed;
 *                       empty (the default) = the TCP peer is the client, whatever the header says
 * @param pruneInterval  how often the retention job runs
 * @param pruneBatchSize events deleted per statement (each in its own short transaction)
 */
@ConfigurationProperties("berth.audit")
public record AuditProperties(Duration retention, boolean log, List<String> trustedProxies, Duration pruneInterval,
                              Integer pruneBatchSize) {

    public AuditProperties {
        retention = retention == null ? Duration.ofDays(90) : retention;
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        pruneInterval = pruneInterval == null ? Duration.ofHours(1) : pruneInterval;
        pruneBatchSize = pruneBatchSize == null ? 1000 : pruneBatchSize;
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("berth.audit.retention must be positive, was " + retention);
        }
        if (pruneInterval.isNegative() || pruneInterval.isZero()) {
            throw new IllegalArgumentException("berth.audit.prune-interval must be positive, was " + pruneInterval);
        }
        if (pruneBatchSize < 1) {
            throw new IllegalArgumentException("berth.audit.prune-batch-size must be at least 1, was " + pruneBatchSize);
        }
        TrustedProxies.parse(trustedProxies); // a bad entry stops the start, naming the setting
    }

    public static AuditProperties defaults() {
        return new AuditProperties(null, false, null, null, null);
    }
}
