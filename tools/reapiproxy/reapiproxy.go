// Package reapiproxy forwards Remote Execution API calls (gRPC over unencrypted HTTP/2)
// to a server unchanged, except that the server's capabilities report a lowest API
// version of 2.0: Bazel 7 speaks only 2.0 and refuses a server whose range starts at
// 2.1 (buildbox-casd's does), although such servers still read what 2.0 clients send.
package reapiproxy

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strconv"
)

// CapabilitiesMethod is the gRPC path whose answer the proxy edits.
const CapabilitiesMethod = "/build.bazel.remote.execution.v2.Capabilities/GetCapabilities"

// lowAPIVersionField is ServerCapabilities.low_api_version's field number.
const lowAPIVersionField = 4

// Proxy is a running proxy.
type Proxy struct {
	// Addr is host:port the proxy listens on.
	Addr   string
	server *http.Server
}

// Start listens on 127.0.0.1 at a free port and forwards every call to backend
// (host:port of a server that speaks gRPC without TLS).
func Start(backend string) (*Proxy, error) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("reapiproxy: listening: %w", err)
	}
	h2c := new(http.Protocols)
	h2c.SetUnencryptedHTTP2(true)
	target := &url.URL{Scheme: "http", Host: backend}
	forward := &httputil.ReverseProxy{
		Rewrite:        func(r *httputil.ProxyRequest) { r.SetURL(target) },
		Transport:      &http.Transport{Protocols: h2c},
		FlushInterval:  -1,
		ModifyResponse: lowerCapabilities,
	}
	server := &http.Server{Handler: forward, Protocols: h2c}
	go func() { _ = server.Serve(listener) }()
	return &Proxy{Addr: listener.Addr().String(), server: server}, nil
}

// Stop closes the proxy and every connection through it.
func (p *Proxy) Stop() { _ = p.server.Close() }

// lowerCapabilities rewrites the answer to GetCapabilities; others pass as they are.
func lowerCapabilities(res *http.Response) error {
	if res.Request == nil || res.Request.URL.Path != CapabilitiesMethod {
		return nil
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		return fmt.Errorf("reapiproxy: reading the server's capabilities: %w", err)
	}
	edited, err := LowerAPIVersion(body)
	if err != nil {
		return err
	}
	res.Body = io.NopCloser(bytes.NewReader(edited))
	res.ContentLength = int64(len(edited))
	if res.Header.Get("Content-Length") != "" {
		res.Header.Set("Content-Length", strconv.Itoa(len(edited)))
	}
	return nil
}

// LowerAPIVersion takes a gRPC response body holding ServerCapabilities messages and
// sets each one's low_api_version to 2.0. A body without messages (an error answer) is
// returned as it is.
func LowerAPIVersion(body []byte) ([]byte, error) {
	var out []byte
	for len(body) > 0 {
		if len(body) < 5 {
			return nil, errors.New("reapiproxy: a gRPC frame shorter than its 5-byte header")
		}
		if body[0] != 0 {
			return nil, errors.New("reapiproxy: the server compressed its capabilities; the proxy reads only uncompressed messages")
		}
		size := binary.BigEndian.Uint32(body[1:5])
		if uint64(len(body)-5) < uint64(size) {
			return nil, fmt.Errorf("reapiproxy: a gRPC frame says %d bytes, %d follow", size, len(body)-5)
		}
		message, err := withLowAPIVersion20(body[5 : 5+size])
		if err != nil {
			return nil, err
		}
		out = append(out, 0)
		out = binary.BigEndian.AppendUint32(out, uint32(len(message)))
		out = append(out, message...)
		body = body[5+size:]
	}
	return out, nil
}

// withLowAPIVersion20 copies a ServerCapabilities message without its low_api_version
// and appends low_api_version = SemVer{major: 2}.
func withLowAPIVersion20(message []byte) ([]byte, error) {
	var out []byte
	for rest := message; len(rest) > 0; {
		tag, n := binary.Uvarint(rest)
		if n <= 0 {
			return nil, errors.New("reapiproxy: a malformed field tag in ServerCapabilities")
		}
		size, err := fieldSize(tag&7, rest[n:])
		if err != nil {
			return nil, err
		}
		if tag>>3 != lowAPIVersionField {
			out = append(out, rest[:n+size]...)
		}
		rest = rest[n+size:]
	}
	semver := []byte{1<<3 | 0, 2} // major (field 1, varint) = 2; minor and patch 0
	out = binary.AppendUvarint(out, lowAPIVersionField<<3|2)
	out = binary.AppendUvarint(out, uint64(len(semver)))
	return append(out, semver...), nil
}

// fieldSize is the length of a field's value of the given wire type at the start of b.
func fieldSize(wireType uint64, b []byte) (int, error) {
	switch wireType {
	case 0:
		if _, n := binary.Uvarint(b); n > 0 {
			return n, nil
		}
	case 1:
		if len(b) >= 8 {
			return 8, nil
		}
	case 2:
		if size, n := binary.Uvarint(b); n > 0 && uint64(len(b)-n) >= size {
			return n + int(size), nil
		}
	case 5:
		if len(b) >= 4 {
			return 4, nil
		}
	default:
		return 0, fmt.Errorf("reapiproxy: wire type %d in ServerCapabilities (not one of 0, 1, 2, 5)", wireType)
	}
	return 0, errors.New("reapiproxy: ServerCapabilities ends inside a field")
}
