package io.berth.app.audit;

import jakarta.servlet.http.HttpServletRequest;

import java.util.List;

/**
 * What a handler adds to its request's audit event (Kubernetes' audit annotations): apply names the documents it
 * read, which only the handler knows once it has parsed the body.
 */
public final class AuditNotes {

    static final String DOCUMENTS = AuditNotes.class.getName() + ".documents";
    /** As many as one apply may carry (berth.api.max-documents caps it far below). */
    private static final int MAX_DOCUMENTS = 10_000;

    private AuditNotes() {
    }

    /** @param documents {@code Kind/name} of each document of the request */
    public static void documents(HttpServletRequest request, List<String> documents) {
        request.setAttribute(DOCUMENTS, List.copyOf(documents.subList(0, Math.min(documents.size(), MAX_DOCUMENTS))));
    }

    @SuppressWarnings("unchecked")
    static List<String> documents(HttpServletRequest request) {
        return request.getAttribute(DOCUMENTS) instanceof List<?> list ? (List<String>) list : List.of();
    }
}
