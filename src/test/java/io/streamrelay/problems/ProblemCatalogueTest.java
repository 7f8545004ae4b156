package io.streamrelay.problems;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one catalogue of problem types: complete, unique, well formed, and documented. */
class ProblemCatalogueTest {

	@Test
	void theListOfAllHoldsEveryTypeTheCatalogueDeclares() throws IllegalAccessException {
		List<ProblemType> declared = new ArrayList<>();
		for (Field field : ProblemTypes.class.getFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.getType() == ProblemType.class) {
				declared.add((ProblemType) field.get(null));
			}
		}
		assertThat(ProblemTypes.ALL).containsExactlyInAnyOrderElementsOf(declared);
	}

	@Test
	void everyTypeIsUniqueAndItsUriIsTheBasePlusItsSlug() {
		Set<String> slugs = new HashSet<>();
		for (ProblemType type : ProblemTypes.ALL) {
			assertThat(slugs.add(type.slug())).as("duplicate slug %s", type.slug()).isTrue();
			assertThat(type.slug()).matches("[a-z]+(-[a-z]+)*");
			assertThat(type.type().toString()).isEqualTo(ProblemType.BASE + type.slug());
		}
	}

	@Test
	void everyTypeOfTheCatalogueAndEveryHttpTypeInUseIsInTheReadmeErrorsTable() throws IOException {
		String readme = Files.readString(Path.of("README.md"));
		String errors = readme.substring(readme.indexOf("## Errors"), readme.indexOf("## Security"));
		List<ProblemType> documented = new ArrayList<>(ProblemTypes.ALL);
		for (int status : new int[] { 404, 405, 406, 408, 415, 501 }) {
			documented.add(ProblemTypes.http(status));
		}
		for (ProblemType type : documented) {
			assertThat(errors).as("README Errors table lists %s", type.slug()).contains("`" + type.slug() + "`");
		}
	}

	@Test
	void aGenericHttpTypeIsNamedAfterItsStatus() {
		assertThat(ProblemTypes.http(405).slug()).isEqualTo("method-not-allowed");
		assertThat(ProblemTypes.http(405).title()).isEqualTo("Method Not Allowed");
		assertThat(ProblemTypes.http(599).slug()).isEqualTo("http-599");
	}

}
