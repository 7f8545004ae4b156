package io.streamrelay.security;

import java.util.Set;

/** A configured caller. The hash is of the key; the key itself is never held. */
record ApiKey(String name, byte[] sha256, Set<String> apps, Role role) {

	boolean mayActOn(String appId) {
		return this.apps.contains("*") || this.apps.contains(appId);
	}

	@Override
	public String toString() {
		return "ApiKey[name=" + this.name + ", apps=" + this.apps + ", role=" + this.role + "]";
	}

}
