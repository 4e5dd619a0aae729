// SMS segments as carriers count them, as the server does (chalicelib/services/sms_segments.py):
// GSM-7 when every character is in GSM 03.38 (extension characters take two septets), else UCS-2
// (UTF-16 units); 160/153 septets or 70/67 units, and no character straddles two segments.
const GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENSION = "^{}\\[~]|€\f";
const LIMITS = { "GSM-7": [160, 153], "UCS-2": [70, 67] };

function unitSizes(text) {
  const sizes = [];
  for (const char of text) {
    if (GSM_BASIC.includes(char)) sizes.push(1);
    else if (GSM_EXTENSION.includes(char)) sizes.push(2);
    else return ["UCS-2", [...text].map((c) => c.length)];
  }
  return ["GSM-7", sizes];
}

export function smsSegments(text) {
  const [encoding, sizes] = unitSizes(text);
  const units = sizes.reduce((a, b) => a + b, 0);
  const [single, part] = LIMITS[encoding];
  if (units <= single) return { encoding, units, segments: units ? 1 : 0 };
  let segments = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > part) { segments += 1; used = 0; }
    used += size;
  }
  return { encoding, units, segments };
}
