package io.streamrelay.mputaskid;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(MpuTaskIdController.class)
@org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc(addFilters = false)
class MpuTaskIdControllerTest {

	@Autowired
	MockMvc mvc;

	@ParameterizedTest(name = "{0}/{1}/{2}")
	@CsvSource({ "demo-app, ch1, u1", "not-configured_9, ch1, u1", "app1, ch=1, u==", "A, c, u" })
	void answersTheMpuTaskIdOfAnyValidAppId(String appId, String channelId, String userId) throws Exception {
		this.mvc
			.perform(get("/v1/apps/{appId}/mpu-task-ids", appId).param("channelId", channelId).param("userId", userId))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.appId").value(appId))
			.andExpect(jsonPath("$.channelId").value(channelId))
			.andExpect(jsonPath("$.userId").value(userId))
			.andExpect(jsonPath("$.mpuTaskId").value(MpuTaskIds.of(appId, channelId, userId)));
	}

	@Test
	void answersTheWorkedExample() throws Exception {
		this.mvc.perform(get("/v1/apps/app1/mpu-task-ids?channelId=ch1&userId=u1"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.mpuTaskId").value("AL-24f6e5e5d7cadf24238ab14a0040e5c5"));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "channelId missing | /v1/apps/app1/mpu-task-ids?userId=u1 | channelId",
			"channelId empty | /v1/apps/app1/mpu-task-ids?channelId=&userId=u1 | channelId",
			"channelId with dot | /v1/apps/app1/mpu-task-ids?channelId=c.1&userId=u1 | channelId",
			"channelId with space | /v1/apps/app1/mpu-task-ids?channelId=c%201&userId=u1 | channelId",
			"channelId 65 chars | /v1/apps/app1/mpu-task-ids?channelId=ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc&userId=u1 | channelId",
			"userId missing | /v1/apps/app1/mpu-task-ids?channelId=c1 | userId",
			"userId with slash | /v1/apps/app1/mpu-task-ids?channelId=c1&userId=u%2F1 | userId",
			"userId 65 chars | /v1/apps/app1/mpu-task-ids?channelId=c1&userId=uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu | userId",
			"appId with '=' | /v1/apps/app=1/mpu-task-ids?channelId=c1&userId=u1 | appId",
			"appId with dot | /v1/apps/app.1/mpu-task-ids?channelId=c1&userId=u1 | appId",
			"appId 65 chars | /v1/apps/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/mpu-task-ids?channelId=c1&userId=u1 | appId" })
	void refusesInvalidIdsWithAProblemNamingTheField(String name, String url, String field) throws Exception {
		this.mvc.perform(get(url))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.type").value("https://streamrelay.io/problems/validation-failed"))
			.andExpect(jsonPath("$.errors[0].field").value(field))
			.andExpect(jsonPath("$.detail", containsString(field)))
			.andExpect(jsonPath("$.mpuTaskId").doesNotExist());
	}

	@Test
	void listsEveryBrokenFieldAtOnce() throws Exception {
		this.mvc.perform(get("/v1/apps/app.1/mpu-task-ids"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(contains("appId", "channelId", "userId")));
	}

}
