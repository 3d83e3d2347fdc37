package org.gdprsuite.contact.domain;

import org.gdprsuite.contact.domain.PersonField.Classification;

/** A caller wrote a field of a classification their role may not see (answered 403, naming the classification). */
public class FieldNotWritable extends RuntimeException {

    public FieldNotWritable(Classification classification) {
        super("Your role may not write " + classification + " fields.", null, false, false);
    }
}
