package io.berth.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code berth}: the command line client of the Berth API, kubectl-style. Deliberately outside
 * {@code io.berth.app}, so the application's component scan never sees it, and free of Spring: it starts in a
 * fraction of a second from berth.jar (see {@code bin/berth}).
 */
@Command(name = "berth", mixinStandardHelpOptions = true, versionProvider = BerthCli.Version.class,
        usageHelpAutoWidth = true, sortOptions = false,
        description = "Talks to a Berth server: apply manifests, look at clusters, instances, task definitions, "
                + "services and tasks, follow and steer rollouts.",
        subcommands = {ApplyCommand.class, GetCommand.class, DescribeCommand.class, DeleteCommand.class,
                RunTaskCommand.class, StopTaskCommand.class, LogsCommand.class, ExecCommand.class, AuditCommand.class,
                RolloutCommand.class, TopCommand.class, TokenCommand.class, AuthCommand.class, VersionCommand.class, CompletionCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:ok",
                "1:the API answered with an error (not found, conflict, unauthorized, server error)",
                "2:bad input (unknown command or option, unreadable file, manifest rejected as invalid)",
                "3:cannot reach the server",
                "4:timed out (--wait / --watch ran past --timeout; the rollout goes on)",
                "5:a rollout failed or was rolled back"},
        footerHeading = "%nEnvironment:%n",
        footer = {
                "  BERTH_URL     server URL, when --server is not given",
                "  BERTH_TOKEN   bearer token, when --token is not given",
                "  BERTH_CA_CERT PEM file of certificates to trust, when --ca-cert is not given",
                "  Then server= and token= lines of ~/.config/berth/config, then the token",
                "  a local server wrote to ~/.berth/admin-token.",
                "",
                "Shell completion:  source <(berth completion bash)"})
public final class BerthCli implements Callable<Integer> {

    @Option(names = "--server", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Berth server URL (default: $BERTH_URL, server= in ~/.config/berth/config, "
                    + ClientConfig.DEFAULT_SERVER + ")")
    String server;

    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
            description = "Bearer token (default: $BERTH_TOKEN, token= in ~/.config/berth/config, "
                    + "~/.berth/admin-token)")
    String token;

    @Option(names = "--ca-cert", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "PEM certificate(s) to trust for an https:// server instead of Java's CAs: a private CA "
                    + "or a self-signed server certificate (default: $BERTH_CA_CERT)")
    Path caCert;

    @Option(names = "--insecure-skip-tls-verify", scope = ScopeType.INHERIT,
            description = "Trust any certificate of an https:// server (test servers only: the token goes to "
                    + "whoever answers)")
    boolean insecureSkipTlsVerify;

    // No defaultValue on inherited options: picocli would reset a value given before the subcommand.
    @Option(names = {"-c", "--cluster"}, scope = ScopeType.INHERIT, paramLabel = "CLUSTER",
            description = "Cluster (default: default)")
    String cluster;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of errors")
    boolean debug;

    @Spec
    CommandSpec spec;

    /** How long help waits to learn what the token may do before it shows every command. */
    private static final java.time.Duration HELP_TIMEOUT = java.time.Duration.ofSeconds(2);

    private final CliContext context;
    private ApiClient api;

    public BerthCli(CliContext context) {
        this.context = context;
    }

    public static void main(String[] args) {
        System.exit(run(args, CliContext.system()));
    }

    /** Runs one command line; returns its exit code. */
    public static int run(String[] args, CliContext context) {
        BerthCli root = new BerthCli(context);
        CommandLine commandLine = new CommandLine(root);
        commandLine.setOut(context.out());
        commandLine.setErr(context.err());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> failed(e, cl.getErr(), root.debug));
        commandLine.setParameterExceptionHandler(BerthCli::usageError);
        commandLine.setExecutionStrategy(parseResult -> {
            if (printsHelp(parseResult)) {
                root.offerOnlyAllowed(commandLine);
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        try {
            return commandLine.execute(args);
        } finally {
            context.out().flush();
            context.err().flush();
        }
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context.out());
        return ExitCodes.OK;
    }

    /** Whether this command line prints a command list: {@code berth}, {@code --help} anywhere, {@code help}. */
    private static boolean printsHelp(CommandLine.ParseResult parseResult) {
        if (!parseResult.hasSubcommand()) {
            return !parseResult.isVersionHelpRequested();
        }
        return parseResult.asCommandLineList().stream().anyMatch(cl -> cl.isUsageHelpRequested()
                || cl.getCommand() instanceof CommandLine.HelpCommand);
    }

    /**
     * Leaves out of help what the token cannot use at all. Without a token there is nobody to ask for; when the
     * server cannot say, help shows everything and says why.
     */
    private void offerOnlyAllowed(CommandLine commandLine) {
        ClientConfig config;
        try {
            config = config();
        } catch (RuntimeException e) {
            return;
        }
        if (config.token() == null) {
            return;
        }
        try {
            OfferedCommands.offer(commandLine, api().get("/v1/auth/whoami", HELP_TIMEOUT));
        } catch (RuntimeException e) {
            OfferedCommands.unknown(commandLine, config.server(),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    CliContext context() {
        return context;
    }

    PrintWriter out() {
        return context.out();
    }

    String cluster() {
        return cluster == null || cluster.isBlank() ? "default" : cluster;
    }

    ClientConfig config() {
        return ClientConfig.resolve(server, token, context);
    }

    ApiClient api() {
        if (api == null) {
            api = new ApiClient(config(), serverTrust(), Json.JSON);
        }
        return api;
    }

    ServerTrust serverTrust() {
        Path ca = caCert;
        String fromEnv = context.env().get("BERTH_CA_CERT");
        if (ca == null && !insecureSkipTlsVerify && fromEnv != null && !fromEnv.isBlank()) {
            ca = Path.of(fromEnv.strip());
        }
        return new ServerTrust(ca, insecureSkipTlsVerify);
    }

    static int failed(Exception e, PrintWriter err, boolean debug) {
        int code;
        if (e instanceof CliException failure) {
            err.println("error: " + failure.getMessage());
            failure.details().forEach(detail -> err.println("  " + detail));
            code = failure.exitCode();
        } else if (e instanceof InterruptedException) {
            code = ExitCodes.API_ERROR;
        } else {
            err.println("error: " + (e.getMessage() == null ? e.getClass().getName() : e.getMessage()));
            code = ExitCodes.API_ERROR;
        }
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("error: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** The client's version: berth.jar's Implementation-Version, "dev" when run from classes. */
    static String clientVersion() {
        String version = BerthCli.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"berth " + clientVersion()};
        }
    }
}
