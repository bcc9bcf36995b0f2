/**
 * Authentication. {@link dev.ferry.core.auth.PasswordHasher} is the security choke point where
 * a password meets a stored hash: one class dispatches, one small class per format parses strictly
 * and derives, and every derived value is compared in constant time.
 */
package dev.ferry.core.auth;
