package io.berth.app.api;

import io.berth.app.api.dto.ApplyResponse;
import io.berth.app.audit.AuditNotes;
import io.berth.app.manifest.ManifestFormat;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** {@code POST /v1/apply}: declare task definitions and services, kubectl-apply style. */
@RestController
@Tag(name = "apply", description = "Declare task definitions and services")
public class ApplyController {

    private static final List<MediaType> YAML = List.of(MediaType.APPLICATION_YAML,
            MediaType.parseMediaType("application/x-yaml"), MediaType.parseMediaType("text/yaml"),
            MediaType.parseMediaType("text/x-yaml"));

    /** A waiting apply holds a server thread; rollouts of big services can take long, hence more than delete's. */
    static final Duration MAX_WAIT = Duration.ofMinutes(30);

    private final ApplyService applyService;
    private final ConcurrencyCaps caps;

    public ApplyController(ApplyService applyService, ConcurrencyCaps caps) {
        this.applyService = applyService;
        this.caps = caps;
    }

    @PostMapping(path = "/v1/apply", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Apply one or more TaskDefinition and Service documents",
            description = "All or nothing and idempotent. YAML (several documents separated by ---) or JSON "
                    + "(an object or an array); without Content-Type the body is read as YAML.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = {
                    @Content(mediaType = "application/yaml", schema = @Schema(type = "string")),
                    @Content(mediaType = "application/json", schema = @Schema(type = "object"))}))
    @ApiResponse(responseCode = "200", description = "What each document did (or would do); with wait=true, "
            + "once every created or configured service's rollout completed (each with its rollout)")
    @ApiResponse(responseCode = "400", description = "Not well-formed YAML/JSON, or a bad timeout")
    @ApiResponse(responseCode = "409", description = "A service is being deleted, or a concurrent apply collided; "
            + "with wait=true also: a rollout failed or was rolled back (the documents, plus error)")
    @ApiResponse(responseCode = "413", description = "The body is larger than berth.api.max-body-size")
    @ApiResponse(responseCode = "422", description = "Invalid documents (or more than berth.api.max-documents); every "
            + "offending field is listed")
    @ApiResponse(responseCode = "429", description = "With wait=true: berth.api.max-concurrent-waits requests already "
            + "wait (Retry-After); nothing was stored")
    @ApiResponse(responseCode = "504", description = "With wait=true: rollouts still in progress when the timeout "
            + "passed (the documents, plus error naming them); the apply is stored and the rollouts go on")
    public ResponseEntity<ApplyResponse> apply(
            @RequestBody(required = false) byte[] body,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @Parameter(description = "Check and report, store nothing")
            @RequestParam(defaultValue = "false") boolean dryRun,
            @Parameter(description = "Answer only once the rollouts of the services this apply created or "
                    + "changed have finished (ignored with dryRun)")
            @RequestParam(defaultValue = "false") boolean wait,
            @Parameter(description = "How long to wait, e.g. 90s or 5m (at most 30m)")
            @RequestParam(defaultValue = "300s") String timeout,
            HttpServletRequest request) {
        // Checked first, so that a bad timeout stores nothing.
        Duration limit = wait ? WaitTimeouts.parse(timeout, MAX_WAIT) : Duration.ZERO;
        MediaType mediaType = mediaType(contentType);
        String text = body == null ? "" : new String(body, charset(mediaType));
        if (!wait || dryRun) {
            return ResponseEntity.ok(noted(request, applyService.apply(text, format(mediaType), dryRun)));
        }
        // Taken before the apply, so that a refused wait stores nothing either.
        try (ConcurrencyCaps.Permit permit = caps.waiting()) {
            ApplyWait.Answer answer = applyService.applyAndWait(text, format(mediaType), limit);
            return ResponseEntity.status(answer.status()).body(noted(request, answer.body()));
        }
    }

    /** The audit trail names the documents an apply read (never the body, which may carry secrets). */
    private static ApplyResponse noted(HttpServletRequest request, ApplyResponse response) {
        AuditNotes.documents(request, response.documents().stream()
                .map(d -> d.kind() + "/" + (d.cluster() == null ? "" : d.cluster() + "/") + d.name()).toList());
        return response;
    }

    private static MediaType mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return MediaType.APPLICATION_YAML;
        }
        try {
            return MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            throw ApiErrors.unsupportedMediaType("invalid Content-Type \"" + contentType + "\"");
        }
    }

    static ManifestFormat format(MediaType mediaType) {
        if (MediaType.APPLICATION_JSON.equalsTypeAndSubtype(mediaType) || "json".equals(mediaType.getSubtypeSuffix())) {
            return ManifestFormat.JSON;
        }
        if (YAML.stream().anyMatch(yaml -> yaml.equalsTypeAndSubtype(mediaType))
                || "yaml".equals(mediaType.getSubtypeSuffix())) {
            return ManifestFormat.YAML;
        }
        throw ApiErrors.unsupportedMediaType("Content-Type " + mediaType.getType() + "/" + mediaType.getSubtype()
                + " is not supported; send application/yaml or application/json");
    }

    /** YAML and JSON are UTF-8 unless the client says otherwise. */
    private static Charset charset(MediaType mediaType) {
        try {
            Charset charset = mediaType.getCharset();
            return charset == null ? StandardCharsets.UTF_8 : charset;
        } catch (IllegalArgumentException e) {
            throw ApiErrors.unsupportedMediaType("unknown charset in Content-Type " + mediaType);
        }
    }
}
