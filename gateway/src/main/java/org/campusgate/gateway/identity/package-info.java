/**
 * Step 1 of the data path, identify: proxy authentication, IP bindings, identity events.
 *
 * <p>{@link org.campusgate.gateway.identity.GatewayIdentifier} is the step; it asks a {@link
 * org.campusgate.gateway.identity.ProxyAuthenticator} (Basic credentials against a {@link
 * org.campusgate.gateway.identity.UserDirectory}, Argon2id {@link
 * org.campusgate.gateway.identity.PasswordHashes}) and then the {@link
 * org.campusgate.gateway.identity.IpBindings} snapshot, and hands every login, failed login and
 * binding change to {@link org.campusgate.gateway.identity.IdentityEvents}.
 */
package org.campusgate.gateway.identity;
