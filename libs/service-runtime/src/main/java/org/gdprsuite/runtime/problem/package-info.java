/**
 * Errors as {@code application/problem+json}: domain code throws {@link org.gdprsuite.runtime.problem.DomainProblem}
 * (never a JAX-RS exception); the library answers it, and every other error of a REST call, as a
 * {@link org.gdprsuite.runtime.problem.Problem} with a typed {@code type} URI and the request id as {@code instance}.
 */
package org.gdprsuite.runtime.problem;
