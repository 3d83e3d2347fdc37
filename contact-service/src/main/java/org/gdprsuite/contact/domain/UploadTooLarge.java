package org.gdprsuite.contact.domain;

/** An upload over the size or row limit: refused as a whole (413), nothing stored. */
public class UploadTooLarge extends RuntimeException {

    public UploadTooLarge(String detail) {
        super(detail, null, false, false);
    }
}
