package io.streamrelay.security;

import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What an API key may do: read (GET only), write (start/update/stop too), admin (also
 * operations endpoints).
 */
public enum Role {

	READ, WRITE, ADMIN;

	/** Cumulative authorities: an admin is also a writer and a reader. */
	List<GrantedAuthority> authorities() {
		return switch (this) {
			case READ -> List.of(new SimpleGrantedAuthority("ROLE_READ"));
			case WRITE -> List.of(new SimpleGrantedAuthority("ROLE_READ"), new SimpleGrantedAuthority("ROLE_WRITE"));
			case ADMIN -> List.of(new SimpleGrantedAuthority("ROLE_READ"), new SimpleGrantedAuthority("ROLE_WRITE"),
					new SimpleGrantedAuthority("ROLE_ADMIN"));
		};
	}

	boolean mayWrite() {
		return this != READ;
	}

}
