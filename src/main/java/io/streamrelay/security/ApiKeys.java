package io.streamrelay.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.streamrelay.upstream.aliyun.UpstreamProperties;
import org.apache.commons.codec.digest.DigestUtils;

import org.springframework.stereotype.Component;

/**
 * The configured API keys, checked at start-up; looks a presented key up in constant
 * time.
 */
@Component
class ApiKeys {

	private final List<ApiKey> keys;

	ApiKeys(ApiSecurityProperties properties, UpstreamProperties upstream) {
		// the bound mode, not the raw text: relaxed binding turns "ali-yun" into ALIYUN
		// too
		boolean aliyun = upstream.mode() == UpstreamProperties.Mode.ALIYUN;
		String developmentHash = DigestUtils.sha256Hex(DevelopmentKey.VALUE);
		List<ApiKey> configured = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (ApiSecurityProperties.KeyEntry entry : properties.apiKeys()) {
			if (!names.add(entry.name())) {
				throw new IllegalStateException("streamrelay.security.api-keys: the name '" + entry.name()
						+ "' is used twice; names must be unique");
			}
			if (aliyun && entry.sha256().equals(developmentHash)) {
				throw new IllegalStateException("streamrelay.security.api-keys[" + entry.name()
						+ "]: the development key must not be used with streamrelay.upstream.mode=aliyun");
			}
			configured.add(new ApiKey(entry.name(), HexFormat.of().parseHex(entry.sha256()), Set.copyOf(entry.apps()),
					entry.role()));
		}
		if (!aliyun && properties.developmentKeyEnabled()) {
			configured.add(
					new ApiKey(DevelopmentKey.NAME, HexFormat.of().parseHex(developmentHash), Set.of("*"), Role.ADMIN));
		}
		if (aliyun && configured.isEmpty()) {
			throw new IllegalStateException("streamrelay.upstream.mode=aliyun needs at least one API key under "
					+ "streamrelay.security.api-keys (see the README, 'API keys')");
		}
		this.keys = List.copyOf(configured);
	}

	/**
	 * The key whose hash matches; every configured hash is compared, in constant time,
	 * whatever matches.
	 */
	Optional<ApiKey> find(String presented) {
		byte[] hash = DigestUtils.sha256(presented.getBytes(StandardCharsets.UTF_8));
		ApiKey found = null;
		for (ApiKey key : this.keys) {
			if (MessageDigest.isEqual(hash, key.sha256()) && found == null) {
				found = key;
			}
		}
		return Optional.ofNullable(found);
	}

}
