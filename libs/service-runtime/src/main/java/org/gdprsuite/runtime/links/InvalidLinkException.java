package org.gdprsuite.runtime.links;

/** A public link's token is malformed, tampered with, of another scope or expired; answered 403 without saying which. */
public class InvalidLinkException extends RuntimeException {

    public InvalidLinkException() {
        super("This link is invalid or has expired.", null, false, false);
    }
}
