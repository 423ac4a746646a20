package dev.jvmm.guests.linux;

/** The Linux guest's files could not be fetched or checked; the message is one line fit for the user. */
public final class FetchException extends Exception {
    public FetchException(String message) {
        super(message, null, false, false);
    }
}
