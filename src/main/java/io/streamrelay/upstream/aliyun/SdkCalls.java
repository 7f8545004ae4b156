package io.streamrelay.upstream.aliyun;

import java.util.Map;

import com.aliyuncs.AcsError;
import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.FormatType;
import com.aliyuncs.http.HttpResponse;
import com.aliyuncs.reader.Reader;
import com.aliyuncs.reader.ReaderFactory;
import com.aliyuncs.transform.UnmarshallerContext;
import io.streamrelay.relaytask.vendor.UpstreamFailure;

/**
 * Sends one SDK request and reads the answer. It uses {@code doAction} rather than
 * {@code getAcsResponse} because only the raw response keeps the HTTP status that
 * {@link UpstreamFailure.Rejected} reports; the reading below follows the SDK's own
 * (private) parseAcsResponse.
 */
final class SdkCalls {

	private final IAcsClient client;

	private final CallSettings settings;

	SdkCalls(IAcsClient client, CallSettings settings) {
		this.client = client;
		this.settings = settings;
	}

	<T extends AcsResponse> T send(AcsRequest<T> request) {
		request.setSysEndpoint(this.settings.endpoint().get());
		request.setSysProtocol(this.settings.protocol());
		request.setSysConnectTimeout(Math.toIntExact(this.settings.connectTimeout().toMillis()));
		request.setSysReadTimeout(Math.toIntExact(this.settings.readTimeout().toMillis()));
		HttpResponse response;
		try {
			response = this.client.doAction(request);
		}
		catch (ClientException ex) {
			throw VendorErrors.fromSdk(ex);
		}
		FormatType format = response.getHttpContentType();
		if (format != FormatType.JSON && format != FormatType.XML) {
			throw VendorErrors.fromAnswer(response.getStatus(), null, null, null);
		}
		if (!response.isSuccess()) {
			throw error(response, format);
		}
		return read(request, response, format);
	}

	// The SDK's own getAcsResponse reads bodies with this (deprecated) reader; we must
	// too, to keep the status.
	@SuppressWarnings("deprecation")
	private static <T extends AcsResponse> T read(AcsRequest<T> request, HttpResponse response, FormatType format) {
		try {
			T result = request.getResponseClass().getDeclaredConstructor().newInstance();
			String body = response.getHttpContentString();
			if (body == null) {
				throw new UpstreamFailure.BadResponse(VendorErrors.UNREADABLE, "vendor answered with an empty body",
						null);
			}
			Reader reader = ReaderFactory.createInstance(format);
			String root = request.getResponseClass().getSimpleName();
			Map<String, String> values = result.checkShowJsonItemName() ? reader.read(body, root)
					: reader.readForHideArrayItem(body, root);
			UnmarshallerContext context = new UnmarshallerContext();
			context.setResponseMap(values);
			context.setHttpResponse(response);
			result.getInstance(context);
			return result;
		}
		catch (ClientException ex) {
			throw VendorErrors.fromSdk(ex);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			if (ex instanceof UpstreamFailure failure) {
				throw failure;
			}
			throw new UpstreamFailure.BadResponse(VendorErrors.UNREADABLE,
					"vendor answered " + response.getStatus() + " with a body the SDK cannot read", null);
		}
	}

	@SuppressWarnings("deprecation")
	private static UpstreamFailure error(HttpResponse response, FormatType format) {
		try {
			String body = response.getHttpContentString();
			if (body == null) {
				return VendorErrors.fromAnswer(response.getStatus(), null, null, null);
			}
			UnmarshallerContext context = new UnmarshallerContext();
			context.setResponseMap(ReaderFactory.createInstance(format).read(body, "Error"));
			AcsError error = new AcsError().getInstance(context);
			return VendorErrors.fromAnswer(response.getStatus(), error.getErrorCode(), error.getErrorMessage(),
					error.getRequestId());
		}
		catch (ClientException | RuntimeException ex) {
			return VendorErrors.fromAnswer(response.getStatus(), null, null, null);
		}
	}

}
