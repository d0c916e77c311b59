package io.berth.cli;

import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code berth completion bash}: the shell completion script (bash; zsh after {@code bashcompinit}). */
@Command(name = "completion", usageHelpAutoWidth = true,
        description = {"Print the shell completion script.",
                "bash:  source <(berth completion bash)",
                "zsh:   autoload -U +X bashcompinit && bashcompinit && source <(berth completion bash)"})
final class CompletionCommand implements Callable<Integer> {

    @ParentCommand
    BerthCli root;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "SHELL", arity = "0..1", defaultValue = "bash",
            description = "bash (also works in zsh with bashcompinit)")
    String shell;

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw CliException.usage("unsupported shell \"" + shell + "\": use bash (zsh with bashcompinit)");
        }
        CommandLine commandLine = new CommandLine(new BerthCli(root.context()));
        root.out().print(AutoComplete.bash("berth", commandLine));
        root.out().flush();
        return ExitCodes.OK;
    }
}
