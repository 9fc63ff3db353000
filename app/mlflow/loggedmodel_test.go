package mlflow

import (
	"encoding/json"
	"testing"
)

func TestLoggedModelStatusJSON(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want LoggedModelStatus
		ok   bool
	}{
		{`"LOGGED_MODEL_READY"`, LoggedModelReady, true},
		{`"pending"`, LoggedModelPending, true},
		{`3`, LoggedModelUploadFailed, true},
		{`"LOGGED_MODEL_STATUS_UNSPECIFIED"`, LoggedModelUnspecified, true},
		{`"ready-ish"`, 0, false},
		{`[1]`, 0, false},
	} {
		var s LoggedModelStatus
		err := json.Unmarshal([]byte(tt.in), &s)
		if (err == nil) != tt.ok || tt.ok && s != tt.want {
			t.Errorf("%s: got %v, %v; want %v (ok %v)", tt.in, s, err, tt.want, tt.ok)
		}
		if tt.ok {
			back, _ := json.Marshal(s)
			var again LoggedModelStatus
			if json.Unmarshal(back, &again) != nil || again != s {
				t.Errorf("%s: %s does not read back", tt.in, back)
			}
		}
	}
}
