package io.mallard.bootstrap.netty;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The read timeout ({@code micronaut.server.read-timeout}, 30 s) as a deadline for a whole
 * request: from its first byte, its headers and body must have arrived within it, or the
 * connection is closed. An idle timer alone never fires on a client that trickles a byte every
 * few seconds (slowloris), so such connections stayed open for as long as the client liked.
 */
@Singleton
public class RequestDeadline implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDeadline.class);
    private static final AttributeKey<ScheduledFuture<?>> DEADLINE = AttributeKey.valueOf("mallard.request-deadline");

    private final long seconds;

    public RequestDeadline(@Value("${micronaut.server.read-timeout}") long seconds) {
        this.seconds = seconds;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null, seconds));
        return event.getBean();
    }

    private record Customizer(Channel channel, long seconds) implements NettyServerCustomizer {
        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return new Customizer(channel, seconds);
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel != null && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_HTTP_AGGREGATOR) != null) {
                channel.pipeline().addFirst("mallard-request-started", new Arm(seconds));
                channel.pipeline().addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_AGGREGATOR, "mallard-request-complete", new Disarm());
            }
        }
    }

    /** Sees raw bytes: the first ones of a request start its deadline. */
    private static final class Arm extends ChannelInboundHandlerAdapter {
        private final long seconds;

        Arm(long seconds) {
            this.seconds = seconds;
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (context.channel().attr(DEADLINE).get() == null) {
                context.channel().attr(DEADLINE).set(context.executor().schedule(() -> {
                    LOG.debug("closing a connection whose request took longer than {} s to arrive", seconds);
                    context.channel().close();
                }, seconds, TimeUnit.SECONDS));
            }
            context.fireChannelRead(message);
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            cancel(context.channel());
            context.fireChannelInactive();
        }
    }

    /** Sees whole requests: one that has arrived ends its deadline. */
    private static final class Disarm extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof FullHttpRequest || message instanceof LastHttpContent) {
                cancel(context.channel());
            }
            context.fireChannelRead(message);
        }
    }

    private static void cancel(Channel channel) {
        ScheduledFuture<?> deadline = channel.attr(DEADLINE).getAndSet(null);
        if (deadline != null) {
            deadline.cancel(false);
        }
    }
}
