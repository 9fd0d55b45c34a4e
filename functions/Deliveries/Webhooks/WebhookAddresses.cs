using System.Net;
using System.Net.Sockets;

namespace DroneDelivery.Deliveries.Webhooks;

/// <summary>
/// Which addresses a webhook may be sent to: public unicast only. Refused, so a subscription cannot
/// reach into the cluster or the cloud's metadata service (SSRF): unspecified, loopback, private
/// (RFC 1918), shared (CGNAT), link-local (169.254/16, fe80::/10, the metadata service's
/// 169.254.169.254), benchmarking, IETF protocol assignments, multicast, reserved and broadcast,
/// IPv6 unique-local (fc00::/7) and site-local; an IPv4-mapped or NAT64 IPv6 address is judged by
/// the IPv4 address inside it. Loopback only when the local host allows it.
/// </summary>
public static class WebhookAddresses
{
    private static readonly (IPAddress Network, int PrefixLength)[] RefusedV4 =
    [
        (IPAddress.Parse("0.0.0.0"), 8),
        (IPAddress.Parse("10.0.0.0"), 8),
        (IPAddress.Parse("100.64.0.0"), 10),
        (IPAddress.Parse("169.254.0.0"), 16),
        (IPAddress.Parse("172.16.0.0"), 12),
        (IPAddress.Parse("192.0.0.0"), 24),
        (IPAddress.Parse("192.168.0.0"), 16),
        (IPAddress.Parse("198.18.0.0"), 15),
        (IPAddress.Parse("224.0.0.0"), 4),
        (IPAddress.Parse("240.0.0.0"), 4),
    ];

    private static readonly (IPAddress Network, int PrefixLength)[] RefusedV6 =
    [
        (IPAddress.Parse("fc00::"), 7),
        (IPAddress.Parse("fe80::"), 10),
        (IPAddress.Parse("fec0::"), 10),
        (IPAddress.Parse("ff00::"), 8),
        (IPAddress.Parse("::"), 96),
    ];

    private static readonly IPNetwork Nat64 = new(IPAddress.Parse("64:ff9b::"), 96);

    public static bool IsAllowed(IPAddress address, bool allowLoopback)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return IsAllowed(address.MapToIPv4(), allowLoopback);
        }

        if (Nat64.Contains(address))
        {
            return IsAllowed(new IPAddress(address.GetAddressBytes()[12..]), allowLoopback);
        }

        if (IPAddress.IsLoopback(address))
        {
            return allowLoopback;
        }

        var refused = address.AddressFamily == AddressFamily.InterNetwork ? RefusedV4 : RefusedV6;
        return !refused.Any(range => new IPNetwork(range.Network, range.PrefixLength).Contains(address));
    }
}
