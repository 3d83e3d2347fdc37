package org.gdprsuite.gateway.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import io.netty.util.NetUtil;

/**
 * Who really calls the gateway. The peer of the connection, unless that peer is a trusted proxy (a load
 * balancer in front of the gateway): then the rightmost address of {@code X-Forwarded-For} that is not a
 * trusted proxy, since every hop appends the address it saw and only the hops we trust are believed. What a
 * caller writes into the header itself lies to the left of that address and is never taken.
 */
public final class ClientAddress {

    private final List<Network> trusted = new ArrayList<>();

    /** @param trustedProxies addresses or CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8}); IP literals only */
    public ClientAddress(List<String> trustedProxies) {
        for (String proxy : trustedProxies) {
            trusted.add(Network.parse(proxy.strip()));
        }
    }

    /**
     * @param peer the address of the connection's other end
     * @param forwardedFor every {@code X-Forwarded-For} value of the request, in order
     * @return the client's address, in canonical form
     */
    public String resolve(String peer, List<String> forwardedFor) {
        byte[] peerBytes = parse(peer);
        if (peerBytes == null || !isTrusted(peerBytes)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String value : forwardedFor) {
            for (String hop : value.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        String client = canonical(peerBytes);
        for (int i = hops.size() - 1; i >= 0; i--) {
            byte[] hop = parse(hops.get(i));
            if (hop == null) {
                return client; // not an address: the nearest trusted hop is all that is known
            }
            client = canonical(hop);
            if (!isTrusted(hop)) {
                return client;
            }
        }
        return client; // every hop trusted: the farthest one
    }

    /** IPv4 written as IPv6 ({@code ::ffff:10.0.0.1}) is the IPv4 address, for matching and for counting. */
    private static byte[] parse(String address) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
        if (bytes != null && bytes.length == 16 && isMappedIpv4(bytes)) {
            return java.util.Arrays.copyOfRange(bytes, 12, 16);
        }
        return bytes;
    }

    private static boolean isMappedIpv4(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private boolean isTrusted(byte[] address) {
        return trusted.stream().anyMatch(network -> network.contains(address));
    }

    private static String canonical(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress(); // a literal: no name lookup
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private record Network(byte[] prefix, int bits) {

        static Network parse(String text) {
            int slash = text.indexOf('/');
            byte[] address = ClientAddress.parse(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("not an IP address or CIDR range: " + text);
            }
            int bits = slash < 0 ? address.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (bits < 0 || bits > address.length * 8) {
                throw new IllegalArgumentException("bad prefix length in " + text);
            }
            return new Network(address, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
