package io.streamrelay.upstream.aliyun;

import com.aliyuncs.DefaultAcsClient;
import io.streamrelay.relaytask.vendor.EventSubscriptions;
import io.streamrelay.relaytask.vendor.LiveStreamStatus;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The SDK adapters of the vendor's event subscription and of the CDN's online-stream
 * list, on the same client and endpoint as the relay gateway.
 */
@Configuration(proxyBeanMethods = false)
class AliyunEventsConfiguration {

	@Bean
	EventSubscriptions eventSubscriptions(DefaultAcsClient aliyunAcsClient, UpstreamProperties properties,
			Environment environment) {
		return new AliyunEventSubscriptions(aliyunAcsClient,
				AliyunUpstreamConfiguration.settings(properties, environment));
	}

	@Bean
	LiveStreamStatus liveStreamStatus(DefaultAcsClient aliyunAcsClient, UpstreamProperties properties,
			Environment environment) {
		return new AliyunLiveStreamStatus(aliyunAcsClient,
				AliyunUpstreamConfiguration.settings(properties, environment));
	}

}
