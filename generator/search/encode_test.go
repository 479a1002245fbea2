package search

import (
	"reflect"
	"testing"
)

func TestEncodeBody(t *testing.T) {
	for _, html := range []string{"", "<p>one</p>", "<p>Go go GO, rust and go.</p><pre>code here</pre>"} {
		b := Scan(html)
		got, ok := DecodeBody(b.Encode())
		if !ok || !reflect.DeepEqual(got, b) && !(len(got.n) == 0 && len(b.n) == 0) {
			t.Errorf("DecodeBody(Encode(Scan(%q))) = %+v, %t; want %+v", html, got, ok, b)
		}
	}
	for _, bad := range [][]byte{nil, {1, 0, 0}, {2, 0, 0, 0, 1}, {1, 0, 0, 0, 1, 'a'}, {0, 0, 0, 0, 'x'}, {255, 255, 255, 255}} {
		if _, ok := DecodeBody(bad); ok {
			t.Errorf("DecodeBody(%v) read a body", bad)
		}
	}
}
