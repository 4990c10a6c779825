package reapiproxy

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

// capabilities is a ServerCapabilities message as buildbox-casd sends it, written out by
// hand: cache_capabilities {max_batch_total_size_bytes: 4} (field 1), low_api_version
// 2.1 (field 4), high_api_version 2.12 (field 5).
var capabilities = []byte{
	0x0a, 0x02, 0x20, 0x04, // 1: {4: 4}
	0x22, 0x04, 0x08, 0x02, 0x10, 0x01, // 4: {major 2, minor 1}
	0x2a, 0x04, 0x08, 0x02, 0x10, 0x0c, // 5: {major 2, minor 12}
}

// lowered is capabilities with low_api_version 2.0, at the end.
var lowered = []byte{
	0x0a, 0x02, 0x20, 0x04,
	0x2a, 0x04, 0x08, 0x02, 0x10, 0x0c,
	0x22, 0x02, 0x08, 0x02,
}

func frame(message []byte) []byte {
	return append([]byte{0, 0, 0, 0, byte(len(message))}, message...)
}

func TestLowerAPIVersionSetsTheLowVersionTo20AndKeepsTheRest(t *testing.T) {
	got, err := LowerAPIVersion(frame(capabilities))
	require.NoError(t, err)
	require.Equal(t, frame(lowered), got)
}

func TestLowerAPIVersionLeavesAnEmptyBody(t *testing.T) {
	got, err := LowerAPIVersion(nil)
	require.NoError(t, err)
	require.Empty(t, got)
}

func TestLowerAPIVersionRejectsWhatItCannotRead(t *testing.T) {
	_, err := LowerAPIVersion([]byte{1, 0, 0, 0, 1, 0})
	require.ErrorContains(t, err, "compressed")
	_, err = LowerAPIVersion([]byte{0, 0, 0, 0, 9, 0x0a})
	require.ErrorContains(t, err, "9 bytes")
	_, err = LowerAPIVersion(frame([]byte{0x0a, 0x05, 0x00}))
	require.ErrorContains(t, err, "ends inside a field")
}

// TestTheProxyEditsCapabilitiesAndForwardsOtherCallsWithTheirTrailers runs the proxy in
// front of a server that answers gRPC calls over unencrypted HTTP/2, as Bazel calls it.
func TestTheProxyEditsCapabilitiesAndForwardsOtherCallsWithTheirTrailers(t *testing.T) {
	h2c := new(http.Protocols)
	h2c.SetUnencryptedHTTP2(true)
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	backend := &http.Server{Protocols: h2c, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		request, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/grpc")
		w.Header().Set("Trailer", "Grpc-Status")
		if r.URL.Path == CapabilitiesMethod {
			_, _ = w.Write(frame(capabilities))
		} else {
			_, _ = w.Write(request) // an echo
		}
		w.Header().Set("Grpc-Status", "0")
	})}
	go func() { _ = backend.Serve(listener) }()
	t.Cleanup(func() { _ = backend.Close() })

	proxy, err := Start(listener.Addr().String())
	require.NoError(t, err)
	t.Cleanup(proxy.Stop)

	client := &http.Client{Transport: &http.Transport{Protocols: h2c}}
	call := func(method string, body []byte) ([]byte, http.Header) {
		req, err := http.NewRequest("POST", "http://"+proxy.Addr+method, bytes.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/grpc")
		req.Header.Set("TE", "trailers")
		res, err := client.Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		require.Equal(t, 2, res.ProtoMajor, "the proxy answers in HTTP/2")
		got, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		return got, res.Trailer
	}

	got, trailer := call(CapabilitiesMethod, frame(nil))
	require.Equal(t, frame(lowered), got)
	require.Equal(t, "0", trailer.Get("Grpc-Status"))

	other := frame([]byte("any message"))
	got, trailer = call("/google.bytestream.ByteStream/Write", other)
	require.Equal(t, other, got, "other calls pass unchanged")
	require.Equal(t, "0", trailer.Get("Grpc-Status"))
}
