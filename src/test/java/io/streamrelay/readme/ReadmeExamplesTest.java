package io.streamrelay.readme;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every curl example of README.md, in order, against a fresh service and checks the
 * status printed above it ({@code # → 201}). The curl command line is parsed here
 * (method, headers, body, URL) and sent with the JDK client, so the check needs no curl
 * binary.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:readme;DB_CLOSE_DELAY=-1" })
class ReadmeExamplesTest {

	@LocalServerPort
	int port;

	@Test
	void everyCurlExampleAnswersTheStatusPrintedAboveIt() throws Exception {
		List<Example> examples = examples(Files.readString(Path.of("README.md")));
		long curlLines = Files.readString(Path.of("README.md")).lines().filter((l) -> l.startsWith("curl ")).count();
		assertThat(examples).as("every curl line of the README is checked").hasSize((int) curlLines);
		assertThat(examples).as("every curl example shows the status and headers it promises (-si or -i)")
			.allSatisfy((example) -> assertThat(example.args()).containsAnyOf("-si", "-i"));
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		for (Example example : examples) {
			HttpResponse<String> response = http.send(example.request(this.port), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(example.command() + "\n→ " + response.body())
				.isEqualTo(example.expectedStatus());
			StringBuilder answer = new StringBuilder();
			response.headers()
				.map()
				.forEach((name, values) -> values
					.forEach((v) -> answer.append(name).append(": ").append(v).append('\n')));
			answer.append(response.body());
			for (String expected : example.expectations()) {
				assertThat(answer.toString()).as(example.command()).containsIgnoringCase(expected);
			}
		}
	}

	record Example(int expectedStatus, List<String> expectations, String command, List<String> args) {

		HttpRequest request(int port) {
			String method = null;
			String body = null;
			String url = null;
			HttpRequest.Builder builder = HttpRequest.newBuilder().timeout(Duration.ofSeconds(30));
			for (int i = 1; i < args.size(); i++) {
				String arg = args.get(i);
				switch (arg) {
					case "-s", "-i", "-si", "-sS" -> {
					}
					case "-X" -> method = args.get(++i);
					case "-H" -> {
						String header = args.get(++i);
						int colon = header.indexOf(':');
						builder.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
					}
					case "-d", "--data" -> body = args.get(++i);
					default -> {
						assertThat(arg).as("unsupported curl option in README: " + command).doesNotStartWith("-");
						url = arg;
					}
				}
			}
			assertThat(url).as(command).startsWith("localhost:8080/");
			builder.uri(URI.create("http://127.0.0.1:" + port + url.substring("localhost:8080".length())));
			String verb = method != null ? method : (body != null ? "POST" : "GET");
			builder.method(verb,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
			return builder.build();
		}

	}

	static List<Example> examples(String readme) {
		List<Example> examples = new ArrayList<>();
		boolean inBash = false;
		Integer expected = null;
		List<String> expectations = new ArrayList<>();
		StringBuilder command = null;
		for (String line : readme.split("\n")) {
			if (line.startsWith("```")) {
				inBash = line.equals("```bash");
				continue;
			}
			if (!inBash) {
				continue;
			}
			if (command != null) {
				command.append(' ')
					.append(line.endsWith("\\") ? line.substring(0, line.length() - 1).trim() : line.trim());
				if (!line.endsWith("\\")) {
					examples.add(new Example(expected, List.copyOf(expectations), command.toString(),
							tokenize(command.toString())));
					command = null;
					expected = null;
					expectations.clear();
				}
			}
			else if (line.startsWith("# → ")) {
				expected = Integer.parseInt(line.substring(4).trim().split(" ")[0]);
			}
			else if (line.startsWith("# expect: ")) {
				expectations.add(line.substring("# expect: ".length()));
			}
			else if (line.startsWith("curl ")) {
				assertThat(expected).as("README: no '# → status' line above: " + line).isNotNull();
				String text = line.endsWith("\\") ? line.substring(0, line.length() - 1).trim() : line;
				if (line.endsWith("\\")) {
					command = new StringBuilder(text);
				}
				else {
					examples.add(new Example(expected, List.copyOf(expectations), text, tokenize(text)));
					expected = null;
					expectations.clear();
				}
			}
		}
		return examples;
	}

	/** Splits a shell command line with single-quoted arguments (all the README uses). */
	static List<String> tokenize(String line) {
		List<String> tokens = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		boolean quoted = false;
		boolean inToken = false;
		for (char c : line.toCharArray()) {
			if (c == '\'') {
				quoted = !quoted;
				inToken = true;
			}
			else if (c == ' ' && !quoted) {
				if (inToken) {
					tokens.add(current.toString());
					current.setLength(0);
					inToken = false;
				}
			}
			else {
				current.append(c);
				inToken = true;
			}
		}
		if (inToken) {
			tokens.add(current.toString());
		}
		assertThat(quoted).as("unbalanced quotes in README command: " + line).isFalse();
		return tokens;
	}

}
