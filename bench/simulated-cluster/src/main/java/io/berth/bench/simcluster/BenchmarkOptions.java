package io.berth.bench.simcluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one benchmark run does. Parsed from the command line; a bad value names its flag.
 *
 * @param tasks           tasks to place and persist
 * @param hosts           simulated hosts (container instances) to place them on
 * @param tasksPerService tasks of one service: one placement call and one store write each, like one service's launch
 * @param database        {@code durable}: PostgreSQL's stock settings (fsync on); {@code fast}: fsync and
 *                        synchronous commit off, as Berth's tests run it
 * @param taskCpu         CPU units one task reserves; 0 = sized so that all tasks fill ~70 % of the hosts
 * @param taskMemory      MiB one task reserves; 0 = sized likewise
 * @param reload          after the run, rebuild the cluster's load from the database the way a reconciler pass does
 * @param jsonOut         where to write the figures as JSON; null = nowhere
 */
public record BenchmarkOptions(int tasks, int hosts, int tasksPerService, int taskCpu, int taskMemory, Database database,
                               boolean reload, Path jsonOut) {

    public enum Database { DURABLE, FAST }

    public static final String USAGE = """
            usage: simulated-cluster [--tasks N] [--hosts M] [--tasks-per-service K] [--db durable|fast]
                                     [--reload | --no-reload] [--json FILE]
              --tasks N              tasks to place and persist (default 100000)
              --hosts M              simulated hosts (default 1000)
              --tasks-per-service K  tasks per service = per placement call and store write (default 1000)
              --task-cpu U, --task-memory MIB
                                     what one task reserves (default: sized so that all tasks fill ~70 % of the
                                     hosts; give 31 and 126 to run part of the 1,000,000-on-10,000 workload)
              --db durable|fast      PostgreSQL with stock durability (default) or fsync/synchronous_commit off
              --reload               afterwards, time one reconciler-style read of the whole cluster (default)
              --json FILE            also write the figures as JSON""";

    public BenchmarkOptions {
        List<String> errors = new ArrayList<>();
        if (tasks < 1) {
            errors.add("--tasks must be at least 1 (got " + tasks + ")");
        }
        if (hosts < 1) {
            errors.add("--hosts must be at least 1 (got " + hosts + ")");
        }
        if (tasksPerService < 1) {
            errors.add("--tasks-per-service must be at least 1 (got " + tasksPerService + ")");
        }
        if (taskCpu < 0) {
            errors.add("--task-cpu must not be negative (got " + taskCpu + ")");
        }
        if (taskMemory < 0) {
            errors.add("--task-memory must not be negative (got " + taskMemory + ")");
        }
        if (database == null) {
            errors.add("--db must be durable or fast");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
    }

    public static BenchmarkOptions parse(String... args) {
        int tasks = 100_000;
        int hosts = 1_000;
        int perService = 1_000;
        int taskCpu = 0;
        int taskMemory = 0;
        Database database = Database.DURABLE;
        boolean reload = true;
        Path json = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--tasks" -> tasks = intValue(flag, value(args, ++i, flag));
                case "--hosts" -> hosts = intValue(flag, value(args, ++i, flag));
                case "--tasks-per-service" -> perService = intValue(flag, value(args, ++i, flag));
                case "--task-cpu" -> taskCpu = intValue(flag, value(args, ++i, flag));
                case "--task-memory" -> taskMemory = intValue(flag, value(args, ++i, flag));
                case "--db" -> database = switch (value(args, ++i, flag)) {
                    case "durable" -> Database.DURABLE;
                    case "fast" -> Database.FAST;
                    default -> throw new IllegalArgumentException("--db must be durable or fast (got " + args[i] + ")");
                };
                case "--reload" -> reload = true;
                case "--no-reload" -> reload = false;
                case "--json" -> json = Path.of(value(args, ++i, flag));
                default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
            }
        }
        return new BenchmarkOptions(tasks, hosts, perService, taskCpu, taskMemory, database, reload, json);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static int intValue(String flag, String text) {
        try {
            return Integer.parseInt(text.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number (got " + text + ")");
        }
    }

    public int services() {
        return (tasks + tasksPerService - 1) / tasksPerService;
    }
}
