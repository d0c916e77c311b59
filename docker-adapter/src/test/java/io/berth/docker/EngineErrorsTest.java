package io.berth.docker;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class EngineErrorsTest {

    private static EngineException.Kind kindOf(Throwable t) {
        return EngineErrors.translate("op", t).kind();
    }

    @Test
    void httpStatusesMapToKinds() {
        assertThat(kindOf(new NotFoundException("Status 404: {\"message\":\"No such container: abc\"}\n")))
                .isEqualTo(EngineException.Kind.NOT_FOUND);
        assertThat(kindOf(new NotFoundException("Status 404: {\"message\":\"No such image: busybox:9.9\"}\n")))
                .isEqualTo(EngineException.Kind.IMAGE_NOT_FOUND);
        assertThat(kindOf(new ConflictException("{\"message\":\"Conflict. The container name \\\"/x\\\" is already in use\"}")))
                .isEqualTo(EngineException.Kind.CONFLICT);
        assertThat(kindOf(new BadRequestException("{\"message\":\"invalid reference format\"}")))
                .isEqualTo(EngineException.Kind.BAD_REQUEST);
        assertThat(kindOf(new InternalServerErrorException("{\"message\":\"OCI runtime create failed\"}")))
                .isEqualTo(EngineException.Kind.OTHER);
    }

    @Test
    void anErrorWithoutDockersBodyIsNotADockerAnswer() {
        // seen here: a proxy answers every TCP port with an empty 404
        assertThat(kindOf(new NotFoundException("Status 404: "))).isEqualTo(EngineException.Kind.UNREACHABLE);
    }

    @Test
    void messageIsDockersTextNotJson() {
        EngineException e = EngineErrors.translate("inspect abc",
                new NotFoundException("Status 404: {\"message\":\"No such container: abc\"}\n"));
        assertThat(e.getMessage()).isEqualTo("inspect abc: No such container: abc (HTTP 404)");
        assertThat(e.getCause()).isInstanceOf(NotFoundException.class);
    }

    @Test
    void transportFailuresAreUnreachableOrTimeout() {
        // docker-java wraps transport IOExceptions in a plain RuntimeException
        assertThat(kindOf(new RuntimeException(new ConnectException("Connection refused"))))
                .isEqualTo(EngineException.Kind.UNREACHABLE);
        assertThat(kindOf(new RuntimeException(new IOException("No such file or directory"))))
                .isEqualTo(EngineException.Kind.UNREACHABLE);
        assertThat(kindOf(new RuntimeException(new SocketTimeoutException("Read timed out"))))
                .isEqualTo(EngineException.Kind.TIMEOUT);
        assertThat(kindOf(new TimeoutException("limit"))).isEqualTo(EngineException.Kind.TIMEOUT);
        assertThat(kindOf(new IllegalStateException("bug"))).isEqualTo(EngineException.Kind.OTHER);
    }

    @Test
    void connectTimeoutIsUnreachableNotSlow() {
        class ConnectTimeoutException extends SocketTimeoutException {
        }
        assertThat(kindOf(new RuntimeException(new ConnectTimeoutException()))).isEqualTo(EngineException.Kind.UNREACHABLE);
    }

    @Test
    void openBreakerIsCircuitOpen() {
        CircuitBreaker breaker = CircuitBreaker.ofDefaults("t");
        breaker.transitionToOpenState();
        assertThat(kindOf(CallNotPermittedException.createCallNotPermittedException(breaker)))
                .isEqualTo(EngineException.Kind.CIRCUIT_OPEN);
    }

    @Test
    void engineExceptionPassesThrough() {
        EngineException original = new EngineException(EngineException.Kind.CONFLICT, "x", null);
        assertThat(EngineErrors.translate("op", original)).isSameAs(original);
    }
}
