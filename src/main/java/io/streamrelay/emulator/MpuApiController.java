package io.streamrelay.emulator;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the emulated OpenAPI RPC endpoint at {@code /} exactly where the vendor SDK
 * sends its requests.
 */
@EmulatorMode
@RestController
class MpuApiController {

	private static final Logger log = LoggerFactory.getLogger(MpuApiController.class);

	static final MediaType JSON_UTF8 = MediaType.parseMediaType("application/json;charset=UTF-8");

	private final RequestAuthenticator authenticator;

	private final MpuOperations operations;

	private final EmulatorState state;

	private final FaultPlan faults;

	MpuApiController(RequestAuthenticator authenticator, MpuOperations operations, EmulatorState state,
			FaultPlan faults) {
		this.authenticator = authenticator;
		this.operations = operations;
		this.state = state;
		this.faults = faults;
	}

	@RequestMapping(path = "/", params = "Action", method = { RequestMethod.GET, RequestMethod.POST })
	ResponseEntity<String> handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Map<String, String> params = singleValues(request.getParameterMap());
		String action = params.get("Action");
		this.authenticator.authenticate(request.getMethod(), params);
		if (!MpuOperations.ACTIONS.contains(action)) {
			// checked before counting: call counts are kept by known Action only
			throw MpuOperations.unknownAction();
		}
		this.state.countCall(action);
		// faults come after authentication so that fault tests still prove the signature
		// path
		FaultRule fault = this.faults.take(action).orElse(null);
		this.state.requestStarted();
		try {
			if (fault == null) {
				return execute(action, params);
			}
			log.info("Injecting fault {} into {}", fault, action);
			FaultPacing pacing = this.faults.pacing();
			try {
				return FaultInjector.inject(fault, () -> execute(action, params), response, pacing);
			}
			finally {
				pacing.settled(fault);
			}
		}
		finally {
			this.state.requestEnded();
		}
	}

	private ResponseEntity<String> execute(String action, Map<String, String> params) {
		ObjectNode body = JsonParams.MAPPER.createObjectNode();
		body.put("RequestId", requestId());
		body.setAll(this.operations.execute(action, params));
		log.debug("Emulated {} AppId={} TaskId={}", action, params.get("AppId"), params.get("TaskId"));
		return ResponseEntity.ok().contentType(JSON_UTF8).body(JsonParams.MAPPER.writeValueAsString(body));
	}

	@ExceptionHandler(ApiError.class)
	ResponseEntity<String> vendorError(ApiError error) {
		log.debug("Emulator rejected a request: {} {}", error.code(), error.getMessage());
		return ResponseEntity.status(error.status()).contentType(JSON_UTF8).body(error.vendorBody());
	}

	private static Map<String, String> singleValues(Map<String, String[]> parameterMap) {
		// only one value could be both signed and used; the SDK never repeats a parameter
		Map<String, String> params = new LinkedHashMap<>();
		parameterMap.forEach((name, values) -> {
			if (values.length > 1) {
				throw new ApiError(400, "InvalidParameter", "The parameter \"" + name
						+ "\" is given more than once (query and form body count together); send each parameter once.");
			}
			params.put(name, (values.length > 0) ? values[0] : "");
		});
		return params;
	}

	static String requestId() {
		return UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
	}

}
