package io.mallard.bootstrap.netty;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;

/**
 * Answers a request body past {@code micronaut.server.max-request-size} with a 413 in the API's
 * JSON error shape. With the full-content server type, Netty's aggregator refuses such bodies
 * before any Micronaut handler runs, and its own answer has no body at all.
 */
@Singleton
public class OversizedBodyAnswer implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    private final int maxRequestSize;

    public OversizedBodyAnswer(@Value("${micronaut.server.max-request-size}") long maxRequestSize) {
        this.maxRequestSize = Math.toIntExact(maxRequestSize);
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        byte[] body = ("{\"error\":\"the request body is larger than the server accepts (" + maxRequestSize
                + " bytes)\",\"field\":\"body\"}").getBytes(StandardCharsets.UTF_8);
        event.getBean().register(new Customizer(null, maxRequestSize, body));
        return event.getBean();
    }

    private record Customizer(Channel channel, int maxRequestSize, byte[] body) implements NettyServerCustomizer {
        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return new Customizer(channel, maxRequestSize, body);
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel != null && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_HTTP_AGGREGATOR) != null) {
                channel.pipeline().replace(ChannelPipelineCustomizer.HANDLER_HTTP_AGGREGATOR,
                        ChannelPipelineCustomizer.HANDLER_HTTP_AGGREGATOR, new JsonRefusingAggregator(maxRequestSize, body));
            }
        }
    }

    private static final class JsonRefusingAggregator extends HttpObjectAggregator {
        private final byte[] body;

        JsonRefusingAggregator(int maxContentLength, byte[] body) {
            super(maxContentLength);
            this.body = body;
        }

        /**
         * As Netty's own answer: a keep-alive request with a known length keeps its connection (the
         * aggregator skips the rest of the body, so the client, still sending, can read the answer);
         * otherwise the connection closes after the answer.
         */
        @Override
        protected void handleOversizedMessage(ChannelHandlerContext context, HttpMessage oversized) {
            boolean close = oversized instanceof FullHttpMessage || !HttpUtil.isKeepAlive(oversized)
                    || !HttpUtil.isContentLengthSet(oversized);
            ChannelFuture written = context.writeAndFlush(tooLarge(close));
            if (close) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }

        /** A client that asked {@code Expect: 100-continue} for an oversized body hears the same answer. */
        @Override
        protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
            Object response = super.newContinueResponse(start, maxContentLength, pipeline);
            if (response instanceof HttpResponse refusal && refusal.status().equals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE)) {
                return tooLarge(false);
            }
            return response;
        }

        private FullHttpResponse tooLarge(boolean closing) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    Unpooled.wrappedBuffer(body));
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                    .set("X-Content-Type-Options", "nosniff");
            if (closing) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
            return response;
        }
    }
}
