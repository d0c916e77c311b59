package io.berth.app.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How pages write times and sizes ({@code ${fmt.…}} in the templates): UTC, to the second. */
public final class ConsoleFormat {

    static final ConsoleFormat INSTANCE = new ConsoleFormat();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ConsoleFormat() {
    }

    public String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    /** CPU units: 1024 = one core. */
    public String cpu(int units) {
        return units + " units";
    }

    public String memory(int mib) {
        return mib >= 1024 ? "%.1f GiB".formatted(mib / 1024.0) : mib + " MiB";
    }
}
