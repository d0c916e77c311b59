package io.berth.cli;

import picocli.CommandLine;

/** The SERVICE argument of {@code rollout}: {@code service/NAME}, {@code svc/NAME}, {@code service/CLUSTER/NAME} or {@code NAME}. */
final class ServiceArgument {

    private ServiceArgument() {
    }

    /** @param cluster the --cluster in effect, used when the argument names none */
    static ServiceRef parse(String argument, String cluster) {
        String[] parts = argument.split("/", -1);
        for (String part : parts) {
            if (part.isBlank()) {
                throw malformed(argument);
            }
        }
        if (parts.length > 3) {
            throw malformed(argument);
        }
        if (parts.length > 1) {
            requireService(parts[0], argument);
        }
        return switch (parts.length) {
            case 1 -> new ServiceRef(cluster, parts[0]);
            case 2 -> new ServiceRef(cluster, parts[1]);
            default -> new ServiceRef(parts[1], parts[2]);
        };
    }

    private static void requireService(String kind, String argument) {
        ResourceType type;
        try {
            type = ResourceType.parse(kind);
        } catch (CommandLine.TypeConversionException e) {
            type = null;
        }
        if (type != ResourceType.SERVICES) {
            throw CliException.usage("rollouts are of services, not \"" + kind + "\": use service/NAME (got \""
                    + argument + "\")");
        }
    }

    private static CliException malformed(String argument) {
        return CliException.usage("\"" + argument + "\" is not a service: use service/NAME, service/CLUSTER/NAME "
                + "or NAME");
    }
}
