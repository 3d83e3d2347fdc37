package org.gdprsuite.runtime.crypto;

/** The subject's data key was destroyed (erasure): nothing can be sealed or opened for them any more. */
public class ShreddedException extends IllegalStateException {

    public ShreddedException() {
        super("The data subject was erased; their data key no longer exists.");
    }
}
