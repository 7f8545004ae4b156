package io.streamrelay;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of the streamrelay service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StreamRelayApplication {

	public static void main(String[] args) {
		SpringApplication.run(StreamRelayApplication.class, args);
	}

}
