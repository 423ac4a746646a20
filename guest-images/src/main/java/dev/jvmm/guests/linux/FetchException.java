package dev.jvmm.guests.linux;

/** The Linux guest's files could not be fetched or checked; the message is one line fit for the user. */
public final class FetchException extends Exception {
    private final boolean hostCannotFetch;

    /** A fetch that went wrong: a bad digest, a package without the expected files, an unusable cache. */
    public FetchException(String message) {
        this(message, false);
    }

    private FetchException(String message, boolean hostCannotFetch) {
        super(message, null, false, false);
        this.hostCannotFetch = hostCannotFetch;
    }

    /** The host cannot fetch at all: no apt, no package index, or no network to the archive. */
    static FetchException hostCannotFetch(String message) {
        return new FetchException(message, true);
    }

    /**
     * True if the host lacks what fetching needs (apt, its package index, the network), as opposed to a fetch
     * whose result is wrong; a test that needs the guest may skip on the first and must fail on the second.
     */
    public boolean hostCannotFetch() {
        return hostCannotFetch;
    }
}
