package io.streamrelay.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** An authenticated API-key caller; carries no credentials. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final transient ApiKey key;

	ApiKeyAuthentication(ApiKey key) {
		super(key.role().authorities());
		this.key = key;
		setAuthenticated(true);
	}

	ApiKey key() {
		return this.key;
	}

	@Override
	public Object getCredentials() {
		return null;
	}

	@Override
	public Object getPrincipal() {
		return this.key.name();
	}

}
