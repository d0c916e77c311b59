package io.berth.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.PullResponseItem;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Follows one pull's progress stream. Used instead of docker-java's PullImageResultCallback, which logs every failed
 * pull at ERROR with a stack trace: with no registry reachable that is every launch. Here the failure is returned to
 * the caller, who decides what it means (a cached image may be fine).
 */
final class PullCallback implements ResultCallback<PullResponseItem> {

    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Closeable stream;
    private volatile Throwable failure;
    private volatile String errorText;

    @Override
    public void onStart(Closeable closeable) {
        stream = closeable;
    }

    @Override
    public void onNext(PullResponseItem item) {
        // Registry errors arrive in the stream body with HTTP 200 already sent.
        if (item.isErrorIndicated() && errorText == null) {
            errorText = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                    ? item.getErrorDetail().getMessage() : item.getError();
        }
    }

    @Override
    public void onError(Throwable throwable) {
        if (failure == null) failure = throwable;
        done.countDown();
    }

    @Override
    public void onComplete() {
        done.countDown();
    }

    /** Waits for the end of the pull; throws what made it fail. */
    void await(String image, Duration limit) {
        try {
            if (!done.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                // OTHER, not TIMEOUT: a slow registry says nothing about the engine's health (breaker, retries).
                throw new EngineException(EngineException.Kind.OTHER, "pull of " + image + " timed out after " + limit, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException(EngineException.Kind.OTHER, "pull of " + image + " interrupted", e);
        } finally {
            close();
        }
        if (failure instanceof RuntimeException r) throw r; // HTTP errors: translated by the caller
        if (failure != null) throw new RuntimeException(failure);
        if (errorText != null) {
            throw new EngineException(EngineErrors.isImageMissing(errorText)
                    ? EngineException.Kind.IMAGE_NOT_FOUND : EngineException.Kind.OTHER, errorText, null);
        }
    }

    @Override
    public void close() {
        Closeable s = stream;
        if (s != null) {
            try {
                s.close();
            } catch (IOException | RuntimeException ignored) {
                // the stream is finished or being torn down either way
            }
        }
    }
}
