// The task page: each container's followed logs (Server-Sent Events) and, when offered, a terminal (xterm.js over
// the exec WebSocket). Both connect with the console session's cookie: the page holds no token. Output is written
// as text (textContent, xterm's own renderer), never as HTML, so a container cannot inject markup into the page.
(function () {
  'use strict';

  function followLogs(panel) {
    var view = panel.querySelector('.log');
    var state = panel.querySelector('.log-state');
    var keep = parseInt(panel.dataset.lines, 10) || 1000;
    panel.querySelector('.show-times').addEventListener('change', function (e) {
      view.classList.toggle('with-times', e.target.checked);
    });
    var source = new EventSource(panel.dataset.logsUrl);
    source.addEventListener('open', function () { state.textContent = 'Following'; });
    source.addEventListener('lines', function (e) {
      var atEnd = view.scrollTop + view.clientHeight >= view.scrollHeight - 4;
      var lines = JSON.parse(e.data);
      var now = new Date().toISOString();
      for (var i = 0; i < lines.length; i++) {
        var row = document.createElement('div');
        row.className = 'line ' + (lines[i].s === 'err' ? 'err' : 'out');
        row.dataset.seen = now; // when the page received it: the browser test's latency figure reads it
        var time = document.createElement('time');
        time.textContent = lines[i].t || '';
        if (lines[i].t) { time.dateTime = lines[i].t; }
        var text = document.createElement('span');
        text.textContent = lines[i].l;
        row.appendChild(time);
        row.appendChild(text);
        view.appendChild(row);
      }
      while (view.childElementCount > keep) { view.removeChild(view.firstElementChild); }
      if (atEnd) { view.scrollTop = view.scrollHeight; }
    });
    source.addEventListener('end', function (e) {
      // Closed here: an EventSource would otherwise reconnect and replay the tail.
      source.close();
      state.textContent = e.data;
      panel.classList.add('ended');
    });
    source.addEventListener('error', function () {
      if (panel.classList.contains('ended')) { return; }
      source.close();
      state.textContent = 'Disconnected: reload the page to follow again.';
      panel.classList.add('ended');
    });
  }

  var CHANNEL = { stdin: 0, stdout: 1, stderr: 2, status: 3, resize: 4 };

  function frame(channel, bytes) {
    var out = new Uint8Array(bytes.length + 1);
    out[0] = channel;
    out.set(bytes, 1);
    return out;
  }

  function openTerminal(panel) {
    var button = panel.querySelector('.open-terminal');
    var box = panel.querySelector('.terminal');
    var exit = panel.querySelector('.exit-code');
    button.disabled = true;
    box.hidden = false;
    exit.textContent = 'Connecting…';
    var term = new window.Terminal({ cursorBlink: true, convertEol: false, scrollback: 1000 });
    var fit = new window.FitAddon.FitAddon();
    term.loadAddon(fit);
    term.open(box);
    panel.berthTerminal = term; // for scripts (the browser test reads term.buffer)
    var encoder = new TextEncoder();
    var url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + panel.dataset.execUrl;
    var socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    function resize() {
      fit.fit();
      if (socket.readyState === WebSocket.OPEN) {
        socket.send(frame(CHANNEL.resize, encoder.encode(JSON.stringify({ Width: term.cols, Height: term.rows }))));
      }
    }
    socket.addEventListener('open', function () {
      exit.textContent = 'Connected: a shell in the container.';
      resize();
      term.focus();
    });
    socket.addEventListener('message', function (e) {
      var bytes = new Uint8Array(e.data);
      if (bytes.length === 0) { return; }
      if (bytes[0] === CHANNEL.stdout || bytes[0] === CHANNEL.stderr) {
        term.write(bytes.subarray(1));
      } else if (bytes[0] === CHANNEL.status) {
        var status = JSON.parse(new TextDecoder().decode(bytes.subarray(1)));
        exit.textContent = status.exitCode !== undefined
          ? 'The shell exited with code ' + status.exitCode + '.'
          : 'The session ended: ' + (status.reason || status.status) + '.';
        exit.dataset.exitCode = status.exitCode !== undefined ? String(status.exitCode) : '';
      }
    });
    socket.addEventListener('close', function () {
      if (!exit.dataset.exitCode && exit.dataset.exitCode !== '') {
        exit.textContent = 'The connection closed (refused, or it ended): reload to try again.';
      }
      button.disabled = false;
      button.textContent = 'Open a new terminal';
      term.blur();
    });
    term.onData(function (data) {
      if (socket.readyState === WebSocket.OPEN) {
        socket.send(frame(CHANNEL.stdin, encoder.encode(data)));
      }
    });
    window.addEventListener('resize', resize);
    button.onclick = null;
    button.addEventListener('click', function again() {
      button.removeEventListener('click', again);
      window.removeEventListener('resize', resize);
      term.dispose();
      exit.textContent = '';
      delete exit.dataset.exitCode;
      openTerminal(panel);
    }, { once: true });
  }

  function start() {
    document.querySelectorAll('.logs-panel').forEach(followLogs);
    document.querySelectorAll('.terminal-panel').forEach(function (panel) {
      panel.querySelector('.open-terminal').addEventListener('click', function () { openTerminal(panel); },
        { once: true });
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
