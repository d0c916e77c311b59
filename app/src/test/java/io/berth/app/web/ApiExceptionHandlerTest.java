package io.berth.app.web;

import io.berth.app.manifest.FieldError;
import io.berth.app.manifest.ManifestFormat;
import io.berth.app.manifest.ManifestParser;
import io.berth.app.manifest.ManifestValidationException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ApiExceptionHandlerTest {

    @RestController
    static class ThrowingController {
        @PostMapping("/syntax")
        void syntax(@RequestBody String body) {
            new ManifestParser().parse(body, ManifestFormat.YAML);
        }

        @GetMapping("/invalid")
        void invalid() {
            throw new ManifestValidationException(List.of(
                    new FieldError("documents[0].spec.containers[0].memory", "must be >= 4 MiB"),
                    new FieldError("documents[1].spec.desiredCount", "must be >= 0")));
        }

        @PostMapping("/json")
        void json(@RequestBody Map<String, Object> body) {
        }

        @GetMapping("/no-database")
        void noDatabase() {
            throw new CannotCreateTransactionException("Could not open JPA EntityManager for transaction",
                    new SQLTransientConnectionException("berth - Connection is not available, request timed out"));
        }

        @GetMapping("/database-gone")
        void databaseGone() {
            throw new DataAccessResourceFailureException("could not execute statement",
                    new SQLException("This connection has been closed.", "08003"));
        }

        @GetMapping("/database-restarting")
        void databaseRestarting() {
            throw new IllegalStateException("wrapped", new SQLException("the database system is shutting down", "57P03"));
        }

        /** As a PostgreSQL restart in mid-transaction ends: the rollback fails on the connection the pool evicted. */
        @GetMapping("/rollback-on-an-evicted-connection")
        void rollbackOnAnEvictedConnection() {
            throw new org.springframework.orm.jpa.JpaSystemException(new org.hibernate.TransactionException(
                    "Unable to rollback against JDBC Connection", new SQLException("Connection is closed")));
        }

        /** berth.database.statement-timeout: PostgreSQL cancels the statement; Spring calls it a query timeout. */
        @GetMapping("/statement-timeout")
        void statementTimeout() {
            throw new org.springframework.dao.QueryTimeoutException("could not execute query",
                    new SQLException("ERROR: canceling statement due to statement timeout", "57014"));
        }

        @GetMapping("/lock-timeout")
        void lockTimeout() {
            throw new org.springframework.dao.CannotAcquireLockException("could not execute statement",
                    new SQLException("ERROR: canceling statement due to lock timeout", "55P03"));
        }

        @GetMapping("/sql-bug")
        void sqlBug() {
            throw new org.springframework.orm.jpa.JpaSystemException(new org.hibernate.TransactionException(
                    "Unable to rollback against JDBC Connection", new SQLException("syntax error at or near \"selec\"", "42601")));
        }

        @GetMapping("/boom")
        void boom() {
            throw new IllegalStateException("secret internals");
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new ThrowingController())
            .setControllerAdvice(new ApiExceptionHandler())
            .build();

    @Test
    void syntaxErrorIs400WithPosition() throws Exception {
        mvc.perform(post("/syntax").contentType(MediaType.TEXT_PLAIN).content("kind: [Service\n"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.error").value("Bad Request"))
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.startsWith("invalid YAML at line ")))
                .andExpect(jsonPath("$.errors").isEmpty());
    }

    @Test
    void validationErrorIs422ListingEveryField() throws Exception {
        mvc.perform(get("/invalid"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().json("""
                        {"status": 422, "error": "Unprocessable Content", "message": "manifest is invalid: 2 invalid fields",
                         "errors": [{"field": "documents[0].spec.containers[0].memory", "message": "must be >= 4 MiB"},
                                    {"field": "documents[1].spec.desiredCount", "message": "must be >= 0"}]}
                        """));
    }

    @Test
    void unreadableJsonIs400() throws Exception {
        mvc.perform(post("/json").contentType(MediaType.APPLICATION_JSON).content("{oops"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.startsWith("request body is unreadable")));
    }

    @Test
    void springWebErrorsKeepTheirStatus() throws Exception {
        mvc.perform(post("/invalid"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.status").value(405));
    }

    @Test
    void aDatabaseOutageIs503WithRetryAfterNot500() throws Exception {
        for (String path : List.of("/no-database", "/database-gone", "/database-restarting",
                "/rollback-on-an-evicted-connection")) {
            mvc.perform(get(path))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().string("Retry-After", "5"))
                    .andExpect(jsonPath("$.message").value("the database is unavailable; nothing was changed by this request, retry later"));
        }
    }

    @Test
    void aStatementOrLockTimeoutIs503WithRetryAfterNot500() throws Exception {
        for (String path : List.of("/statement-timeout", "/lock-timeout")) {
            mvc.perform(get(path))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().string("Retry-After", "5"))
                    .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.startsWith("the database is busy")));
        }
    }

    @Test
    void otherDatabaseErrorsStay500() throws Exception {
        mvc.perform(get("/sql-bug")).andExpect(status().isInternalServerError());
    }

    @Test
    void unexpectedErrorsAre500WithoutInternals() throws Exception {
        mvc.perform(get("/boom"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.message").value("internal error; see the server log"));
    }
}
