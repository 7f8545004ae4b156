package io.streamrelay.emulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.live.model.v20161101.CreateRtcMPUEventSubRequest;
import com.aliyuncs.live.model.v20161101.DeleteRtcMPUEventSubRequest;
import com.aliyuncs.live.model.v20161101.DescribeLiveStreamsOnlineListRequest;
import com.aliyuncs.live.model.v20161101.DescribeLiveStreamsOnlineListResponse;
import com.aliyuncs.live.model.v20161101.DescribeRtcMPUEventSubRequest;
import com.aliyuncs.live.model.v20161101.DescribeRtcMPUEventSubResponse;
import com.aliyuncs.live.model.v20161101.ListRtcMPUEventSubRecordRequest;
import com.aliyuncs.live.model.v20161101.ListRtcMPUEventSubRecordResponse;
import com.aliyuncs.live.model.v20161101.StopLiveMPUTaskRequest;
import com.aliyuncs.live.model.v20161101.UpdateRtcMPUEventSubRequest;
import com.aliyuncs.profile.DefaultProfile;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The emulator's RtcMPUEventSub operations, its callbacks and its
 * DescribeLiveStreamsOnlineList, driven by the real vendor SDK over HTTP; callbacks are
 * caught by a real HTTP server on loopback.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, classes = EmulatorSdkTest.EmulatorOnly.class,
		properties = { "streamrelay.emulator.stream-url-cooldown=0s", "streamrelay.emulator.events.online-delay=0s" })
class EmulatorEventsSdkTest {

	@LocalServerPort
	int port;

	@Autowired
	EmulatorState state;

	@Autowired
	EmulatedSubscriptions subscriptions;

	@Autowired
	OnlineStreams online;

	@Autowired
	CallbackFaults faults;

	DefaultAcsClient client;

	HttpServer receiver;

	final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();

	@BeforeEach
	void setUp() throws IOException {
		this.state.reset();
		this.faults.clear();
		this.subscriptions.clearDeliveries();
		this.subscriptions.find("app1").ifPresent((sub) -> this.subscriptions.delete("app1"));
		this.client = new DefaultAcsClient(
				DefaultProfile.getProfile("cn-shanghai", "LTAIemulatorKey", "emulator-secret"));
		this.receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.receiver.createContext("/cb", (exchange) -> {
			this.received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		this.receiver.start();
	}

	@AfterEach
	void tearDown() {
		this.client.shutdown();
		this.receiver.stop(0);
	}

	String callbackUrl() {
		return "http://127.0.0.1:" + this.receiver.getAddress().getPort() + "/cb/app1/secret-token";
	}

	@Test
	void createsDescribesUpdatesAndDeletesTheSubscriptionOfAnApp() throws ClientException {
		CreateRtcMPUEventSubRequest create = new CreateRtcMPUEventSubRequest();
		create.setAppId("app1");
		create.setCallbackUrl(callbackUrl());
		create.setChannelIds("ch1,ch2");
		String subId = call(create).getSubId();
		assertThat(subId).startsWith("Sub-");

		DescribeRtcMPUEventSubResponse.SubInfo info = describe().getSubInfo();
		assertThat(info.getSubId()).isEqualTo(subId);
		assertThat(info.getCallbackUrl()).isEqualTo(callbackUrl());
		assertThat(info.getChannelIds()).isEqualTo("ch1,ch2");

		UpdateRtcMPUEventSubRequest update = new UpdateRtcMPUEventSubRequest();
		update.setAppId("app1");
		update.setCallbackUrl(callbackUrl());
		update.setChannelIds("");
		call(update);
		assertThat(describe().getSubInfo().getChannelIds()).isEmpty();

		assertThatThrownBy(() -> call(create)).isInstanceOf(ClientException.class)
			.extracting((ex) -> ((ClientException) ex).getErrCode())
			.isEqualTo("InvalidParam");

		DeleteRtcMPUEventSubRequest delete = new DeleteRtcMPUEventSubRequest();
		delete.setAppId("app1");
		call(delete);
		DescribeRtcMPUEventSubResponse none = describe();
		assertThat(none.getSubInfo() == null || none.getSubInfo().getSubId() == null).isTrue();
	}

	@Test
	void refusesACallbackUrlWithCharactersTheVendorDoesNotAllow() {
		CreateRtcMPUEventSubRequest create = new CreateRtcMPUEventSubRequest();
		create.setAppId("app1");
		create.setCallbackUrl("http://127.0.0.1/cb?a=1&b=2");
		assertThatThrownBy(() -> call(create)).isInstanceOf(ClientException.class)
			.extracting((ex) -> ((ClientException) ex).getErrCode())
			.isEqualTo("InvalidParam");
	}

	@Test
	void postsOneCallbackPerStartAndEndAndListsTheDeliveries() throws Exception {
		Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		subscribe();
		call(EmulatorSdkTest.singleStart("app1", "t1", "rtmp://push.example.com/live/s1"));
		JsonNode started = next();
		assertThat(started.get("EventType").asInt()).isEqualTo(1);
		assertThat(started.get("TaskId").asString()).isEqualTo("t1");
		assertThat(started.get("Payload").get("EventCode").asInt()).isEqualTo(CallbackDispatcher.CODE_STARTED);
		assertThat(started.get("Payload").get("DstUrl").asString()).isEqualTo("rtmp://push.example.com/live/s1");

		StopLiveMPUTaskRequest stop = new StopLiveMPUTaskRequest();
		stop.setAppId("app1");
		stop.setTaskId("t1");
		call(stop);
		JsonNode ended = next();
		assertThat(ended.get("Payload").get("EventCode").asInt()).isEqualTo(CallbackDispatcher.CODE_ENDED);
		assertThat(ended.get("SubId").asString()).isEqualTo(started.get("SubId").asString());
		// The dispatcher records a delivery once the callback's answer is back, which can
		// be
		// after this test's receiver has handed the body over: wait for both records.
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(10))
			.until(() -> this.subscriptions.deliveries("app1").size() == 2);

		ListRtcMPUEventSubRecordRequest list = new ListRtcMPUEventSubRecordRequest();
		list.setAppId("app1");
		list.setStartTime(EventSubOperations.TIME.format(before));
		list.setEndTime(EventSubOperations.TIME.format(Instant.now().plusSeconds(1)));
		list.setPageNo(1);
		list.setPageSize(1);
		ListRtcMPUEventSubRecordResponse first = call(list);
		assertThat(first.getHasMore()).isTrue();
		assertThat(first.getLogs()).hasSize(1);
		assertThat(first.getLogs().get(0).getMsgId()).isEqualTo(started.get("MsgId").asString());
		assertThat(first.getLogs().get(0).getHTTPCode()).isEqualTo("200");
		assertThat(JsonParams.MAPPER.readTree(first.getLogs().get(0).getData())).isEqualTo(started);
		list.setPageNo(2);
		ListRtcMPUEventSubRecordResponse second = call(list);
		assertThat(second.getHasMore()).isFalse();
		assertThat(second.getLogs().get(0).getMsgId()).isEqualTo(ended.get("MsgId").asString());
	}

	@Test
	void aDroppedCallbackIsNotPostedButIsInTheRecords() throws Exception {
		subscribe();
		call(EmulatorSdkTest.singleStart("app1", "t2", "rtmp://push.example.com/live/s2"));
		next();
		this.faults.add(new CallbackFaults.Fault(CallbackFaults.Mode.DROP, 1, java.time.Duration.ZERO));
		assertThat(this.state.vanish("app1", "t2")).isTrue();

		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(10))
			.until(() -> this.subscriptions.deliveries("app1").size() == 2);
		List<EmulatedSubscriptions.Delivery> deliveries = this.subscriptions.deliveries("app1");
		assertThat(deliveries).extracting(EmulatedSubscriptions.Delivery::httpCode).containsExactly("200", "504");
		assertThat(JsonParams.MAPPER.readTree(deliveries.get(1).data()).get("Payload").get("EventCode").asInt())
			.isEqualTo(CallbackDispatcher.CODE_ENDED);
		assertThat(this.received).isEmpty();
	}

	@Test
	void listsARunningRelayOnlineUntilItIsMarkedOfflineOrStopped() throws ClientException {
		call(EmulatorSdkTest.singleStart("app1", "t3", "rtmp://push.example.com/live/s3"));
		assertThat(streams("s3")).extracting(DescribeLiveStreamsOnlineListResponse.LiveStreamOnlineInfo::getStreamName)
			.containsExactly("s3");
		assertThat(streams("s3").get(0).getAppName()).isEqualTo("live");

		assertThat(this.online.markOffline("app1", "t3", true)).isTrue();
		assertThat(streams("s3")).isEmpty();
		assertThat(this.online.markOffline("app1", "t3", false)).isTrue();
		assertThat(streams("s3")).hasSize(1);

		this.state.vanish("app1", "t3");
		assertThat(streams("s3")).isEmpty();
	}

	private List<DescribeLiveStreamsOnlineListResponse.LiveStreamOnlineInfo> streams(String name)
			throws ClientException {
		DescribeLiveStreamsOnlineListRequest request = new DescribeLiveStreamsOnlineListRequest();
		request.setDomainName("play.example.com");
		request.setAppName("live");
		request.setStreamName(name);
		request.setQueryType("strict");
		return call(request).getOnlineInfo();
	}

	private void subscribe() throws ClientException {
		CreateRtcMPUEventSubRequest create = new CreateRtcMPUEventSubRequest();
		create.setAppId("app1");
		create.setCallbackUrl(callbackUrl());
		call(create);
	}

	private DescribeRtcMPUEventSubResponse describe() throws ClientException {
		DescribeRtcMPUEventSubRequest describe = new DescribeRtcMPUEventSubRequest();
		describe.setAppId("app1");
		return call(describe);
	}

	private JsonNode next() throws InterruptedException {
		String body = this.received.poll(10, TimeUnit.SECONDS);
		assertThat(body).as("a callback within 10 s").isNotNull();
		return JsonParams.MAPPER.readTree(body);
	}

	private <T extends AcsResponse> T call(AcsRequest<T> request) throws ClientException {
		request.setSysEndpoint("127.0.0.1:" + this.port);
		request.setSysProtocol(ProtocolType.HTTP);
		return this.client.getAcsResponse(request);
	}

}
