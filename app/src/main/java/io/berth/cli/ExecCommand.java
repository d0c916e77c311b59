package io.berth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/** {@code berth exec TASK [CONTAINER] [-i] [-t] -- COMMAND...}: as kubectl exec, over the API's WebSocket. */
@Command(name = "exec", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Run a command in a task's running container; exits with the command's exit code.",
                "Needs verb exec on tasks (admin, operator) and allowExec in the cluster's policy. Every session "
                        + "is audited (command, start, duration, exit code; never input or output)."},
        footerHeading = "%nExamples:%n",
        footer = {"  berth exec 3f2a9c1e -- ls -l /etc", "  berth exec 3f2a9c1e app -it -- sh",
                "  echo 'select 1;' | berth exec 3f2a9c1e db -i -- psql -U app"})
final class ExecCommand implements Callable<Integer> {

    @ParentCommand
    BerthCli root;

    @Mixin
    HelpOption help;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TASK", description = "Task id or its first characters")
    String id;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "[CONTAINER] -- COMMAND",
            description = "Container name (before --; default: the task's only container, else its first essential "
                    + "one), then the command and its arguments (after --)")
    List<String> rest = new ArrayList<>();

    @Option(names = {"-i", "--stdin"}, description = "Pass this terminal's (or pipe's) input to the command")
    boolean stdin;

    @Option(names = {"-t", "--tty"}, description = "Allocate a terminal (raw mode here when this is a terminal)")
    boolean tty;

    @Override
    public Integer call() throws Exception {
        Split split = split();
        String cluster = root.cluster();
        JsonNode task = new Resources(root.api()).task(cluster, id);
        String name = split.container() != null ? split.container() : LogsCommand.defaultContainer(task, root.api(),
                cluster);
        StringBuilder path = new StringBuilder(Resources.clusterPath(cluster)).append("/tasks/")
                .append(ApiClient.encode(Json.text(task, "id"))).append("/containers/").append(ApiClient.encode(name))
                .append("/exec?tty=").append(tty).append("&stdin=").append(stdin);
        for (String argument : split.command()) {
            path.append("&command=").append(ApiClient.encode(argument));
        }
        ExecChannels channels = new ExecChannels(root.context().out(), root.context().err());
        WebSocket socket = root.api().webSocket(path.toString(), channels);
        Optional<RawTerminal> raw = tty && root.context().tty() ? RawTerminal.enter() : Optional.empty();
        try {
            Sender sender = new Sender(socket);
            if (tty) {
                RawTerminal.size().ifPresent(size -> sender.resize(size[0], size[1]));
                TerminalResize.onChange(() -> RawTerminal.size().ifPresent(size -> sender.resize(size[0], size[1])));
            }
            if (stdin) {
                Thread.ofVirtual().name("exec-stdin").start(() -> pump(root.context().in(), sender));
            }
            ExecChannels.Status status = channels.status().get();
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
            if (status.exitCode() == null) {
                root.context().err().println("berth exec: the session ended without the command's exit code: "
                        + status.reason());
                return ExitCodes.API_ERROR;
            }
            return status.exitCode();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof CliException c ? c : new CliException(ExitCodes.API_ERROR,
                    "exec failed: " + e.getCause().getMessage());
        } finally {
            raw.ifPresent(RawTerminal::close);
            socket.abort();
        }
    }

    /** Copies local input to the command until it ends (its end is not forwarded: the command ends the session). */
    private static void pump(InputStream in, Sender sender) {
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (n > 0 && !sender.send(ExecChannels.STDIN, buffer, n)) {
                    return;
                }
            }
        } catch (IOException e) {
            // local input is gone: the session goes on until the command ends
        }
    }

    /** Sends one message at a time, as java.net.http.WebSocket requires. */
    private static final class Sender {
        private final WebSocket socket;

        Sender(WebSocket socket) {
            this.socket = socket;
        }

        synchronized boolean send(byte channel, byte[] bytes, int length) {
            try {
                socket.sendBinary(ExecChannels.frame(channel, bytes, length), true).get();
                return true;
            } catch (ExecutionException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        void resize(int columns, int rows) {
            byte[] json = ("{\"Width\":" + columns + ",\"Height\":" + rows + "}").getBytes(StandardCharsets.UTF_8);
            send(ExecChannels.RESIZE, json, json.length);
        }
    }

    /** The container name when one came before {@code --}, and the command after it. */
    record Split(String container, List<String> command) {
    }

    private Split split() {
        // picocli drops the "--" itself: an original argument list tells a container apart from a command word.
        List<String> original = spec.commandLine().getParseResult().originalArgs();
        int dash = original.indexOf("--");
        if (dash < 0) {
            throw CliException.usage("the command goes after --: berth exec TASK [CONTAINER] -- COMMAND...");
        }
        List<String> command = List.copyOf(original.subList(dash + 1, original.size()));
        if (command.isEmpty()) {
            throw CliException.usage("no command after --: berth exec TASK [CONTAINER] -- COMMAND...");
        }
        int beforeDash = rest.size() - command.size();
        if (beforeDash > 1) {
            throw CliException.usage("one container at most before --, got " + rest.subList(0, beforeDash));
        }
        return new Split(beforeDash == 1 ? rest.getFirst() : null, command);
    }
}
