package io.berth.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;

/** {@code berth apply -f FILE|DIR [-f ...] [--dry-run] [--wait [--timeout 5m]]}. */
@Command(name = "apply", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Create or update task definitions and services from manifests (YAML or JSON).",
                "All files of one invocation are applied together: all or nothing."},
        footerHeading = "%nExamples:%n",
        footer = {"  berth apply -f web.yaml", "  berth apply -f manifests/ --dry-run",
                "  berth apply -f web.yaml --wait --timeout 2m", "  cat web.yaml | berth apply -f -"})
final class ApplyCommand implements Callable<Integer> {

    private static final Pattern DOCUMENT = Pattern.compile("^documents\\[(\\d+)]");

    @ParentCommand
    BerthCli root;

    @Mixin
    HelpOption help;

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|DIR",
            description = "Manifest file, directory (its *.yaml, *.yml, *.json, sorted) or - for stdin; repeatable")
    List<String> files;

    @Option(names = "--dry-run", description = "Validate and report what would change; store nothing")
    boolean dryRun;

    @Option(names = "--wait", description = "Wait until every created or configured service runs its desired "
            + "count of its new revision, and no task of another revision still runs")
    boolean wait;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "How long --wait waits, e.g. 90s, 5m (default: ${DEFAULT-VALUE}); exit code 4 when it passes")
    Duration timeout;

    @Override
    public Integer call() {
        Manifests manifests = Manifests.read(files, root.context().in());
        JsonNode response;
        try {
            response = root.api().post("/v1/apply" + (dryRun ? "?dryRun=true" : ""), manifests.body(),
                    manifests.contentType());
        } catch (ApiClient.ApiException e) {
            throw withSources(e, manifests.sources());
        }
        List<RolloutWaiter.Target> targets = new ArrayList<>();
        for (JsonNode document : response.path("documents")) {
            root.out().println(describe(document, dryRun));
            if (isService(document) && !"unchanged".equals(Json.text(document, "result"))) {
                targets.add(new RolloutWaiter.Target(Json.text(document, "cluster", root.cluster()),
                        Json.text(document, "name")));
            }
        }
        root.out().flush();
        if (wait && !dryRun && !targets.isEmpty()) {
            new RolloutWaiter(root.api(), root.context()).await(targets, timeout);
        }
        return ExitCodes.OK;
    }

    static String describe(JsonNode document, boolean dryRun) {
        String kind = Json.text(document, "kind", "?");
        String name = Json.text(document, "name", "?");
        String result = Json.text(document, "result", "?");
        String detail;
        String ref;
        if (isService(document)) {
            ref = "service/" + Json.text(document, "cluster", "default") + "/" + name;
            detail = Json.text(document, "taskDefinition");
        } else {
            ref = kind.toLowerCase(Locale.ROOT) + "/" + name;
            detail = Json.text(document, "revision") == null ? null : "revision " + Json.text(document, "revision");
        }
        return ref + " " + result + (detail == null ? "" : " (" + detail + ")") + (dryRun ? " (dry run)" : "");
    }

    private static boolean isService(JsonNode document) {
        return "Service".equalsIgnoreCase(Json.text(document, "kind"));
    }

    /** "documents[3].spec.x: message" gets " (in manifests/web.yaml (document 2))". */
    private static ApiClient.ApiException withSources(ApiClient.ApiException e, List<String> sources) {
        if (sources.isEmpty() || e.details().isEmpty()) {
            return e;
        }
        List<String> details = new ArrayList<>();
        for (String detail : e.details()) {
            Matcher matcher = DOCUMENT.matcher(detail);
            if (matcher.find()) {
                int index = Integer.parseInt(matcher.group(1));
                if (index < sources.size()) {
                    detail += " (in " + sources.get(index) + ")";
                }
            }
            details.add(detail);
        }
        return new ApiClient.ApiException(e.status(), e.getMessage(), details);
    }
}
