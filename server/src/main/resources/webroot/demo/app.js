// The humanseg demo page: one POST /v1/segment per run, nothing else.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const form = $('form'), file = $('file'), url = $('url'), output = $('output'), apiKey = $('api-key');
  const before = $('before'), result = $('result'), afterBox = $('after-box'), download = $('download');
  const status = $('status'), error = $('error'), drop = $('drop');
  const KEY = 'humanseg.apiKey';
  let beforeUrl = null;

  apiKey.value = localStorage.getItem(KEY) || '';
  apiKey.addEventListener('change', () => {
    if (apiKey.value) localStorage.setItem(KEY, apiKey.value); else localStorage.removeItem(KEY);
  });

  function showOptions() {
    document.querySelectorAll('.option').forEach((el) => { el.hidden = el.dataset.for !== output.value; });
  }
  output.addEventListener('change', showOptions);
  showOptions();

  // Drag and drop a photo onto the file box.
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer.files.length) { file.files = e.dataTransfer.files; url.value = ''; }
  });
  file.addEventListener('change', () => { if (file.files.length) url.value = ''; });

  /** The API's options for the chosen output, as name/value pairs. */
  function options() {
    const o = { format: 'png' };
    switch (output.value) {
      case 'alpha': o.output = 'alpha'; break;
      case 'rgba': o.output = 'rgba'; break;
      case 'color': o.output = 'composite'; o.bg_color = $('bg-color').value; break;
      case 'image': o.output = 'composite'; o.bg_image_url = $('bg-url').value.trim(); break;
      case 'blur': o.output = 'composite'; o.bg_blur = Number($('bg-blur').value); break;
    }
    if ($('crop').checked) o.crop = true;
    return o;
  }

  function setState(state, message) {
    document.body.dataset.state = state;
    status.textContent = message;
  }

  function showError(message) {
    error.textContent = message;
    error.hidden = false;
    setState('error', 'Failed.');
  }

  /** A readable message from an error answer: status, code and message. */
  async function describe(response) {
    let text = '';
    try { text = await response.text(); } catch (e) { /* no body */ }
    try {
      const e = JSON.parse(text).error;
      if (e && e.code) return 'Error ' + response.status + ' ' + e.code + ': ' + e.message;
    } catch (e) { /* not JSON */ }
    return 'Error ' + response.status + ' ' + response.statusText + (text ? ': ' + text.slice(0, 300) : '');
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    const photo = file.files[0];
    const link = url.value.trim();
    if (!photo && !link) { showError('Choose a photo or give its URL.'); return; }
    const o = options();
    if (o.output === 'composite' && 'bg_image_url' in o && !o.bg_image_url) {
      showError('Give the background image URL.'); return;
    }

    const headers = { 'Accept': 'application/json' };
    if (apiKey.value) headers['X-API-Key'] = apiKey.value;
    let body;
    if (photo) {
      body = new FormData();
      body.append('image_file', photo, photo.name);
      Object.entries(o).forEach(([k, v]) => body.append(k, String(v)));
    } else {
      body = JSON.stringify(Object.assign({ url: link }, o));
      headers['Content-Type'] = 'application/json';
    }

    if (beforeUrl) URL.revokeObjectURL(beforeUrl);
    beforeUrl = photo ? URL.createObjectURL(photo) : null;
    before.src = beforeUrl || link;

    setState('busy', 'Segmenting…');
    $('submit').disabled = true;
    const start = performance.now();
    try {
      const response = await fetch('/v1/segment', { method: 'POST', headers, body });
      if (!response.ok) { showError(await describe(response)); return; }
      const answer = await response.json();
      const latency = performance.now() - start;
      const dataUrl = 'data:' + answer.media_type + ';base64,' + answer.result;
      afterBox.classList.toggle('checker', o.output === 'rgba');
      await new Promise((resolve, reject) => {
        result.onload = resolve;
        result.onerror = () => reject(new Error('the result is not a readable image'));
        result.src = dataUrl;
      });
      download.href = dataUrl;
      download.download = 'humanseg-' + output.value + '.png';
      download.hidden = false;
      showDetails(answer.metadata || {}, latency);
      setState('done', 'Done.');
    } catch (e) {
      showError('Could not segment: ' + e.message);
    } finally {
      $('submit').disabled = false;
    }
  });

  function showDetails(m, latency) {
    $('latency').textContent = Math.round(latency) + ' ms';
    const t = m.timingsMs || {};
    $('timings').textContent = Object.keys(t).length
      ? Object.entries(t).map(([k, v]) => k + ' ' + Number(v).toFixed(1) + ' ms').join(', ') : '–';
    $('size').textContent = m.width + ' × ' + m.height + ' px';
    const b = m.foregroundBox;
    $('box').textContent = b
      ? 'left ' + b.left + ', top ' + b.top + ', ' + b.width + ' × ' + b.height + ' px'
        + (m.foregroundFraction !== undefined ? ' (' + (100 * m.foregroundFraction).toFixed(1) + ' % foreground)' : '')
      : 'no person found';
    $('model').textContent = m.model || '–';
    $('confidence').textContent = typeof m.confidence === 'number' ? m.confidence.toFixed(3) : '–';
  }
})();
