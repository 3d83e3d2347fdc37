/**
 * Envelope encryption of personal data: {@link org.gdprsuite.runtime.crypto.SubjectCipher} seals and opens values
 * with the data key of their subject from {@link org.gdprsuite.runtime.crypto.SubjectKeys}; destroying that key
 * (crypto-shredding) makes every copy unreadable ({@link org.gdprsuite.runtime.crypto.ShreddedException}).
 */
package org.gdprsuite.runtime.crypto;
