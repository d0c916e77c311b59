package io.berth.app.watch;

/** No room for another watch stream: answered 503, try again later. */
public class TooManyWatchersException extends RuntimeException {

    public TooManyWatchersException(String message) {
        super(message);
    }
}
