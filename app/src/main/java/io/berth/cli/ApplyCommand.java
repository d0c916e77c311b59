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

    @Option(names = "--wait", description = "Wait until the rollouts of the created or configured services end; "
            + "exit 0 when all completed, 5 when one failed or was rolled back, 4 on timeout")
    boolean wait;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "How long --wait waits, e.g. 90s, 5m, at most 30m (default: ${DEFAULT-VALUE})")
    Duration timeout;

    /** Beyond the server's own wait: the answer still has to be written and travel. */
    static final Duration ANSWER_MARGIN = Duration.ofSeconds(30);

    @Override
    public Integer call() {
        Manifests manifests = Manifests.read(files, root.context().in());
        boolean waiting = wait && !dryRun;
        String query = dryRun ? "?dryRun=true"
                : waiting ? "?wait=true&timeout=" + ApiClient.encode(Durations.format(timeout)) : "";
        JsonNode response;
        // The server decides when the rollouts ended (it follows the deployments this apply created, which
        // polling the service from here could confuse with an automatic rollback); the display only shows progress.
        try (RolloutProgress progress = waiting
                ? RolloutProgress.start(root.api(), root.context(), manifests.services()) : null) {
            response = root.api().post("/v1/apply" + query, manifests.body(), manifests.contentType(),
                    waiting ? timeout.plus(ANSWER_MARGIN) : ApiClient.REQUEST_TIMEOUT);
        } catch (ApiClient.ApiException e) {
            if (waiting && e.body() != null && e.body().path("documents").isArray()
                    && (e.status() == 409 || e.status() == 504)) {
                // the apply is stored; its rollouts failed (409) or go on (504)
                print(e.body());
                throw new CliException(e.status() == 409 ? ExitCodes.ROLLOUT_FAILED : ExitCodes.TIMEOUT,
                        Json.text(e.body(), "error", e.getMessage()));
            }
            throw withSources(e, manifests.sources());
        }
        print(response);
        return ExitCodes.OK;
    }

    private void print(JsonNode response) {
        for (JsonNode document : response.path("documents")) {
            root.out().println(describe(document, dryRun));
        }
        root.out().flush();
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
        String note = Json.text(document, "note");
        return ref + " " + result + (detail == null ? "" : " (" + detail + ")")
                + (note != null ? " (" + note + ")" : dryRun ? " (dry run)" : "") + rollout(document.path("rollout"));
    }

    /** What {@code apply?wait=true} says of a service's rollout: ", rolled out" or ", rollout FAILED: reason". */
    private static String rollout(JsonNode rollout) {
        String state = Json.text(rollout, "rolloutState");
        if (state == null) {
            return "";
        }
        if (state.equals("COMPLETED")) {
            return ", rolled out";
        }
        String reason = Json.text(rollout, "reason");
        return ", rollout " + state + (reason == null ? "" : ": " + reason);
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
        return e.withDetails(details);
    }
}
