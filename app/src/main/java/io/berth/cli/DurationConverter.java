package io.berth.cli;

import java.time.Duration;

import picocli.CommandLine;

/** {@code --timeout 5m}, {@code 90s}, {@code 1m30s}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            Duration duration = Durations.parse(value);
            if (duration.isZero()) {
                throw new CommandLine.TypeConversionException("must be more than 0");
            }
            return duration;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
