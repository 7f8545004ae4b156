package bench.minimal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** One controller, nothing else: what "a hello-world Boot app starts in" means. */
@SpringBootApplication
@RestController
public class MinimalWebApp {

	public static void main(String[] args) {
		SpringApplication.run(MinimalWebApp.class, args);
	}

	@GetMapping("/hello")
	String hello() {
		return "hello";
	}

}
