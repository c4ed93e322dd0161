/*
 * Stackvault's pages in the browser: charts (Apache ECharts), table sort/search/paging,
 * navigation without reloads (the query string is the whole state), the contributor
 * type-ahead and "More" in activity logs. Plain JavaScript, no framework; the pages work
 * without it. Everything it reads from the page is data: names go into text nodes, or
 * through escapeHtml() where ECharts wants HTML (tooltips). No inline style: elements get
 * classes; ECharts sets its own styles through the CSSOM, which CSP allows.
 */
(function () {
  'use strict';

  /** The pies' ten colours; stackvault.css gives .swatch-0 … .swatch-9 the same ones. */
  var PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd',
    '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  var WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  var PAGE_SIZES = [10, 25, 50, 0]; // 0 = all
  var DAY = 86400000;

  /** The charts drawn in the current <main>: {chart, option, title}; disposed on a swap. */
  var drawn = [];
  /** The address of the content shown (without its #fragment), to tell a real popstate from a hash change. */
  var shown = withoutHash(location.href);
  /** The navigation under way, aborted when another starts. */
  var loading = null;

  function withoutHash(href) {
    var url = new URL(href, location.href);
    url.hash = '';
    return url.href;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return '&#' + c.charCodeAt(0) + ';';
    });
  }

  function element(tag, className, text) {
    var e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  function setReady(ready) {
    document.documentElement.dataset.ready = ready ? 'true' : 'false';
  }

  /* ---------------------------------------------------------------- charts */

  /** A name cut to 36 characters at a word boundary, as the original's pies. */
  function shortName(name) {
    if (name.length <= 36) {
      return name;
    }
    var cut = name.slice(0, 36);
    var space = cut.lastIndexOf(' ');
    return (space > 0 ? cut.slice(0, space) : cut) + '…';
  }

  /** The top 9 items and one "others" slice with the rest, or all when there are at most 10. */
  function slices(items) {
    if (items.length <= 10) {
      return items.slice();
    }
    var rest = 0;
    for (var i = 9; i < items.length; i++) {
      rest += items[i].value;
    }
    return items.slice(0, 9).concat([{name: 'others', value: rest, href: null}]);
  }

  function pieOption(data) {
    var items = slices(data.items || []);
    return {
      color: PALETTE,
      tooltip: {
        trigger: 'item',
        formatter: function (p) {
          return escapeHtml(items[p.dataIndex].name) + ': <b>' + escapeHtml(p.value) + '</b>';
        }
      },
      legend: {show: false},
      series: [{
        type: 'pie',
        radius: ['0%', '75%'],
        label: {show: false},
        data: items.map(function (item) {
          return {name: shortName(item.name), value: item.value};
        })
      }]
    };
  }

  /** Colour swatches on the first rows of the pie's table; hovering a row highlights its slice. */
  function linkPieAndTable(chart, data, table) {
    var items = slices(data.items || []);
    if (!table || !table.tBodies[0]) {
      return;
    }
    var rows = table.tBodies[0].rows;
    // the rows that are slices of their own: 9, or all 10 when there is no "others"
    var linked = Math.min(rows.length, items.length === 10 && items[9].href !== null ? 10 : 9);
    for (var i = 0; i < linked; i++) {
      var row = rows[i];
      var link = row.querySelector('a');
      var swatch = element('span', 'swatch swatch-' + i);
      swatch.setAttribute('aria-hidden', 'true');
      (link ? link.parentNode : row.cells[1] || row.cells[0]).insertBefore(swatch, link || null);
      row.dataset.slice = String(i);
    }
    function slice(event, type) {
      var row = event.target.closest && event.target.closest('tr[data-slice]');
      if (row && !(event.relatedTarget && row.contains(event.relatedTarget))) {
        chart.dispatchAction({type: type, seriesIndex: 0, dataIndex: Number(row.dataset.slice)});
      }
    }
    table.addEventListener('mouseover', function (e) { slice(e, 'highlight'); });
    table.addEventListener('mouseout', function (e) { slice(e, 'downplay'); });
    table.addEventListener('focusin', function (e) { slice(e, 'highlight'); });
    table.addEventListener('focusout', function (e) { slice(e, 'downplay'); });
    chart.on('click', function (p) {
      var item = items[p.dataIndex];
      if (item && item.href) {
        navigate(item.href, true);
      }
    });
  }

  function barOption(data) {
    return {
      color: PALETTE,
      tooltip: {
        trigger: 'axis',
        axisPointer: {type: 'shadow'},
        formatter: function (ps) {
          var p = ps[0];
          return escapeHtml(p.name) + ': <b>' + escapeHtml(p.value) + '</b>';
        }
      },
      grid: {left: 56, right: 16, top: 28, bottom: 48, containLabel: true},
      xAxis: {type: 'category', data: data.categories || [], name: data.xLabel || '',
        nameLocation: 'middle', nameGap: 32},
      yAxis: {type: 'value', name: data.yLabel || ''},
      series: [{type: 'bar', data: data.values || []}]
    };
  }

  function punchcardOption(data) {
    var cells = data.cells || [];
    var max = 1;
    cells.forEach(function (c) { max = Math.max(max, c[2]); });
    var hours = [];
    for (var h = 0; h < 24; h++) {
      hours.push(String(h));
    }
    return {
      color: PALETTE,
      tooltip: {
        trigger: 'item',
        formatter: function (p) {
          return WEEKDAYS[p.value[1]] + ' ' + p.value[0] + ':00–' + p.value[0] + ':59 UTC: <b>' +
            escapeHtml(p.value[2]) + '</b>';
        }
      },
      grid: {left: 48, right: 16, top: 16, bottom: 40},
      xAxis: {type: 'category', data: hours, name: 'hour (UTC)', nameLocation: 'middle', nameGap: 28,
        splitLine: {show: true}},
      yAxis: {type: 'category', data: WEEKDAYS, inverse: true, splitLine: {show: true}},
      series: [{
        type: 'scatter',
        data: cells.filter(function (c) { return c[2] > 0; }),
        symbolSize: function (v) { return 4 + 22 * Math.sqrt(v[2] / max); }
      }]
    };
  }

  function day(ms) {
    return new Date(ms).toISOString().slice(0, 10);
  }

  /** The API's week label ("YYYY-MM-DD 00:00:00", UTC) as milliseconds. */
  function weekTime(label) {
    return Date.parse(String(label).replace(' ', 'T') + 'Z');
  }

  function timelineOption(data) {
    var series = data.timeline || data.timeseries || [[], [], []];
    var points = function (s) {
      return (s || []).map(function (p) { return [weekTime(p[0]), p[1]]; });
    };
    var all = points(series[0]);
    var selected = points(series[1]);
    var loc = points(series[2]);
    var withLoc = (data.metric === 'commits' || data.metric === 'loc') &&
      loc.some(function (p) { return p[1] > 0; });
    var release = String(data.release || 'all');
    var releaseName = release === 'all'
      ? 'All releases (selected)'
      : 'Release ' + release.charAt(0).toUpperCase() + release.slice(1);
    var option = {
      color: ['#9ec5e8', '#1f5f99', '#d62728'],
      tooltip: {
        trigger: 'axis',
        formatter: function (ps) {
          var lines = ['Week of ' + day(ps[0].value[0])];
          ps.forEach(function (p) {
            lines.push(escapeHtml(p.seriesName) + ': <b>' + escapeHtml(p.value[1]) + '</b>');
          });
          return lines.join('<br>');
        }
      },
      legend: {top: 0, data: withLoc ? ['All releases', releaseName, 'LOC'] : ['All releases', releaseName]},
      grid: {left: 56, right: withLoc ? 64 : 24, top: 32, bottom: 56},
      xAxis: {
        type: 'time',
        minInterval: 28 * DAY,
        axisLabel: {
          hideOverlap: true,
          formatter: function (value) {
            var d = new Date(value);
            return MONTHS[d.getUTCMonth()] + ' \'' + String(d.getUTCFullYear()).slice(2);
          }
        }
      },
      yAxis: [{type: 'value', minInterval: 1}],
      dataZoom: [zoomOfTheAddress({type: 'slider', height: 18, bottom: 6,
        labelFormatter: function (v) { return day(v); }})],
      series: [
        // z and zlevel set: without them ECharts 5.3.1 warns "z / z2 / zlevel … invalid" on the axis tooltip
        {name: 'All releases', type: 'line', data: all, showSymbol: false, areaStyle: {opacity: 0.5},
          lineStyle: {width: 1}, z: 2, zlevel: 0},
        {name: releaseName, type: 'line', data: selected, showSymbol: false, areaStyle: {opacity: 0.8},
          lineStyle: {width: 1}, z: 3, zlevel: 0}
      ]
    };
    if (withLoc) {
      option.yAxis.push({type: 'value', name: 'LOC', splitLine: {show: false}});
      option.series.push({name: 'LOC', type: 'line', yAxisIndex: 1, data: loc, showSymbol: false, z: 4, zlevel: 0});
    }
    return option;
  }

  /** The slider set to the address's start_date/end_date (YYYY-MM-DD), which the page shows. */
  function zoomOfTheAddress(zoom) {
    var params = new URLSearchParams(location.search);
    var pattern = /^\d{4}-\d{2}-\d{2}$/;
    var start = params.get('start_date');
    var end = params.get('end_date');
    if (start && pattern.test(start)) {
      zoom.startValue = Date.parse(start + 'T00:00:00Z');
    }
    if (end && pattern.test(end)) {
      zoom.endValue = Date.parse(end + 'T00:00:00Z');
    }
    return zoom;
  }

  /**
   * Zooming the timeline to a range asks for the page of that range (start_date/end_date);
   * back to the whole range, for the page without them.
   */
  function linkTimelineToDates(chart, option) {
    var times = option.series[0].data.map(function (p) { return p[0]; });
    if (times.length < 2) {
      return;
    }
    var first = times[0];
    var span = times[times.length - 1] - first;
    var timer = null;
    chart.on('datazoom', function (event) {
      var zoom = event.batch ? event.batch[0] : event;
      if (zoom.start === undefined) {
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(function () { // after the hand has stopped
        var url = new URL(location.href);
        if (zoom.start <= 0 && zoom.end >= 100) {
          url.searchParams.delete('start_date');
          url.searchParams.delete('end_date');
        } else {
          url.searchParams.set('start_date', day(first + span * zoom.start / 100));
          url.searchParams.set('end_date', day(first + span * zoom.end / 100 + 6 * DAY));
        }
        url.searchParams.delete('date');
        if (url.href !== withoutHash(location.href)) {
          navigate(url.href, true);
        }
      }, 700);
    });
  }

  var OPTIONS = {pie: pieOption, bar: barOption, punchcard: punchcardOption, timeline: timelineOption};

  function fileName(title, type) {
    var base = (title || 'chart').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    return (base || 'chart') + '.' + type;
  }

  /** The chart as a PNG (a canvas drawn apart) or SVG (ECharts' server-side renderer, no DOM). */
  function download(entry, type) {
    var width = entry.chart.getWidth();
    var height = entry.chart.getHeight();
    // no slider in a picture; no aria: it labels the DOM, which the SVG string has none of
    var option = Object.assign({}, entry.option, {animation: false, dataZoom: [], aria: {enabled: false}});
    var url;
    if (type === 'svg') {
      var svg = echarts.init(null, null, {renderer: 'svg', ssr: true, width: width, height: height});
      svg.setOption(option);
      url = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg.renderToSVGString());
      svg.dispose();
    } else {
      var box = element('div', 'offscreen');
      document.body.appendChild(box);
      var png = echarts.init(box, null, {renderer: 'canvas', width: width, height: height});
      png.setOption(option);
      url = png.getDataURL({type: 'png', pixelRatio: 2, backgroundColor: '#fff'});
      png.dispose();
      box.remove();
    }
    var a = element('a');
    a.href = url;
    a.download = fileName(entry.title, type);
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  /** Draws every chart-data block under root; calls done() when all are drawn. */
  function drawCharts(root, done) {
    var blocks = root.querySelectorAll('script.chart-data[data-chart]');
    var pending = 0;
    var finished = false;
    function one() {
      if (--pending <= 0 && !finished) {
        finished = true;
        done();
      }
    }
    if (typeof echarts === 'undefined' || blocks.length === 0) {
      done();
      return;
    }
    pending = blocks.length;
    Array.prototype.forEach.call(blocks, function (block) {
      var kind = block.dataset.chart;
      var data;
      try {
        data = JSON.parse(block.textContent);
      } catch (e) {
        one();
        return;
      }
      if (!OPTIONS[kind]) {
        one();
        return;
      }
      var table = block.previousElementSibling;
      var anchor = block;
      if (table && table.tagName === 'DETAILS') {
        anchor = table;
        table = table.querySelector('table');
      }
      var title = block.dataset.title || kind;
      var figure = element('figure', 'chart-figure chart-' + kind);
      var box = element('div', 'chart');
      box.setAttribute('role', 'img');
      box.setAttribute('aria-label', title + ' (chart; the table has the same figures)');
      var tools = element('div', 'chart-tools');
      figure.appendChild(box);
      figure.appendChild(tools);
      anchor.parentNode.insertBefore(figure, anchor);
      var chart = echarts.init(box, null, {renderer: 'canvas'});
      var option = Object.assign({animation: false, aria: {enabled: true}}, OPTIONS[kind](data));
      var entry = {chart: chart, option: option, title: title};
      drawn.push(entry);
      ['png', 'svg'].forEach(function (type) {
        var button = element('button', 'download', type.toUpperCase());
        button.type = 'button';
        button.setAttribute('aria-label', 'Download “' + title + '” as ' + type.toUpperCase());
        button.addEventListener('click', function () { download(entry, type); });
        tools.appendChild(button);
      });
      chart.on('finished', function onceDrawn() { // once: hovering draws again
        chart.off('finished', onceDrawn);
        one();
      });
      chart.setOption(option);
      if (kind === 'pie') {
        linkPieAndTable(chart, data, table);
      } else if (kind === 'timeline') {
        linkTimelineToDates(chart, option);
      }
    });
    setTimeout(function () {
      if (!finished) { // a chart that never reports "finished" must not hold the page back
        finished = true;
        done();
      }
    }, 3000);
  }

  window.addEventListener('resize', function () {
    drawn.forEach(function (entry) { entry.chart.resize(); });
  });

  /* ---------------------------------------------------------------- tables */

  function sortKey(cell) {
    if (!cell) {
      return '';
    }
    var key = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
    return key;
  }

  function compare(a, b) {
    var x = a === '' ? NaN : Number(a);
    var y = b === '' ? NaN : Number(b);
    if (!isNaN(x) && !isNaN(y)) {
      return x - y;
    }
    if (!isNaN(x) !== !isNaN(y)) {
      return isNaN(x) ? 1 : -1; // blanks (the unranked) after numbers
    }
    return String(a).localeCompare(String(b), undefined, {sensitivity: 'base', numeric: true});
  }

  function enhanceTable(table) {
    if (table.dataset.enhanced || !table.tHead || !table.tBodies[0]) {
      return;
    }
    table.dataset.enhanced = 'true';
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var state = {query: '', size: PAGE_SIZES[0], page: 0};
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);

    headers.forEach(function (th, column) {
      var button = element('button', 'sort');
      button.type = 'button';
      while (th.firstChild) {
        button.appendChild(th.firstChild);
      }
      th.appendChild(button);
      if (th.classList.contains('metric')) {
        th.setAttribute('aria-sort', 'descending'); // the server's order: the metric, descending
      }
      button.addEventListener('click', function () {
        var descending = th.getAttribute('aria-sort') === 'ascending' ||
          (th.getAttribute('aria-sort') !== 'descending' && (th.classList.contains('metric') ||
            th.classList.contains('num')));
        headers.forEach(function (other) { other.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
        rows.sort(function (a, b) {
          var c = compare(sortKey(a.cells[column]), sortKey(b.cells[column]));
          return descending ? -c : c;
        });
        rows.forEach(function (row) { body.appendChild(row); });
        state.page = 0;
        render();
      });
    });

    if (rows.length <= PAGE_SIZES[0]) {
      return; // one page: sorting only
    }
    var controls = element('div', 'table-controls');
    var search = element('input');
    search.type = 'search';
    search.placeholder = 'Search';
    search.setAttribute('aria-label', 'Search the table');
    var sizeLabel = element('label', null, 'Show ');
    var size = element('select');
    PAGE_SIZES.forEach(function (n) {
      var option = element('option', null, n === 0 ? 'All' : String(n));
      option.value = String(n);
      size.appendChild(option);
    });
    sizeLabel.appendChild(size);
    controls.appendChild(search);
    controls.appendChild(sizeLabel);
    table.parentNode.insertBefore(controls, table);

    var pager = element('div', 'pager');
    var previous = element('button', null, 'Previous');
    var next = element('button', null, 'Next');
    previous.type = next.type = 'button';
    var status = element('span', 'status');
    status.setAttribute('aria-live', 'polite');
    pager.appendChild(previous);
    pager.appendChild(status);
    pager.appendChild(next);
    table.parentNode.insertBefore(pager, table.nextSibling);

    var timer = null;
    search.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        state.query = search.value.trim().toLowerCase();
        state.page = 0;
        render();
      }, 150);
    });
    size.addEventListener('change', function () {
      state.size = Number(size.value);
      state.page = 0;
      render();
    });
    previous.addEventListener('click', function () { state.page--; render(); });
    next.addEventListener('click', function () { state.page++; render(); });

    function render() {
      var matching = rows.filter(function (row) {
        return !state.query || row.textContent.toLowerCase().indexOf(state.query) >= 0;
      });
      var pages = state.size === 0 ? 1 : Math.max(1, Math.ceil(matching.length / state.size));
      state.page = Math.min(Math.max(state.page, 0), pages - 1);
      var from = state.size === 0 ? 0 : state.page * state.size;
      var to = state.size === 0 ? matching.length : Math.min(matching.length, from + state.size);
      rows.forEach(function (row) { row.hidden = true; });
      for (var i = from; i < to; i++) {
        matching[i].hidden = false;
      }
      previous.disabled = state.page === 0;
      next.disabled = state.page >= pages - 1;
      status.textContent = matching.length === 0
        ? 'No matching rows'
        : (from + 1) + '–' + to + ' of ' + matching.length + (state.query ? ' (of ' + rows.length + ')' : '');
    }
    render();
  }

  /* ------------------------------------------------ navigation without reloads */

  /** GET of this origin's {@code href}; fails unless the answer is 200 of the {@code type} asked. */
  function get(href, type, controller) {
    return fetch(href, {headers: {Accept: type}, credentials: 'same-origin',
      signal: controller ? controller.signal : undefined})
      .then(function (response) {
        if (!response.ok || (response.headers.get('Content-Type') || '').indexOf(type) !== 0) {
          throw new Error('status ' + response.status);
        }
        return response;
      });
  }

  /** Whether a link or address shows this page with other parameters (so its <main> can be swapped in). */
  function samePage(url) {
    return url.origin === location.origin && url.pathname === location.pathname;
  }

  /**
   * Shows {@code href}: fetches its HTML and swaps in its <main>, title, banner and footer;
   * {@code push} adds a history entry. Any failure falls back to loading the address.
   */
  function navigate(href, push, focusName, scroll) {
    var url = new URL(href, location.href);
    if (!samePage(url) || !window.fetch || !window.DOMParser) {
      location.assign(url.href);
      return;
    }
    if (loading) {
      loading.abort();
    }
    var controller = window.AbortController ? new AbortController() : null;
    loading = controller;
    setReady(false);
    document.documentElement.classList.add('loading');
    get(url.href, 'text/html', controller)
      .then(function (response) { return response.text(); })
      .then(function (html) {
        if (loading !== controller) {
          return;
        }
        loading = null;
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var main = doc.querySelector('main');
        if (!main) {
          throw new Error('no main');
        }
        if (push) {
          // where this entry was scrolled to, for Back
          history.replaceState({stackvault: true, scroll: window.scrollY}, '');
          history.pushState({stackvault: true}, '', url.href);
        }
        shown = withoutHash(url.href);
        swap(doc, main, focusName, scroll);
      })
      .catch(function (error) {
        if (error && error.name === 'AbortError') {
          return;
        }
        location.assign(url.href);
      });
  }

  function swap(doc, main, focusName, scroll) {
    drawn.forEach(function (entry) { entry.chart.dispose(); });
    drawn = [];
    var old = document.querySelector('main');
    var fresh = document.importNode(main, true);
    old.parentNode.replaceChild(fresh, old);
    document.title = doc.title;
    ['.banner', 'footer.site'].forEach(function (selector) {
      var mine = document.querySelector(selector);
      var theirs = doc.querySelector(selector);
      if (mine && theirs) {
        mine.parentNode.replaceChild(document.importNode(theirs, true), mine);
      } else if (mine) {
        mine.remove();
      } else if (theirs) {
        fresh.parentNode.insertBefore(document.importNode(theirs, true), fresh);
      }
    });
    document.documentElement.classList.remove('loading');
    init(fresh);
    var target = focusName && fresh.querySelector('form.filters [name="' + CSS.escape(focusName) + '"]');
    if (!target) {
      target = fresh.querySelector('h1, h2');
      if (target) {
        target.setAttribute('tabindex', '-1');
      }
    }
    if (target) {
      target.focus({preventScroll: !!focusName || typeof scroll === 'number'});
    }
    if (typeof scroll === 'number') {
      window.scrollTo(0, scroll);
    }
  }

  document.addEventListener('click', function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
        event.shiftKey || event.altKey) {
      return;
    }
    var link = event.target.closest && event.target.closest('a[href]');
    if (!link) {
      return;
    }
    if (link.hasAttribute('data-more')) {
      event.preventDefault();
      more(link);
      return;
    }
    if (link.target || link.hasAttribute('download')) {
      return;
    }
    var url = new URL(link.href, location.href);
    if (samePage(url) && !(url.search === location.search && url.hash)) {
      event.preventDefault();
      navigate(url.href, true);
    }
  });

  /** The filter bar's form as an address ("Show"), without its empty fields. */
  function formAddress(form) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (value !== '') {
        params.append(name, value);
      }
    });
    var url = new URL(form.getAttribute('action') || location.pathname, location.href);
    url.search = params.toString();
    return url.href;
  }

  /**
   * The current address with one filter changed, as the original's reload({name: value}):
   * the other parameters stay as they are; an empty value removes the parameter.
   */
  function changedAddress(form, field) {
    var url = new URL(form.getAttribute('action') || location.pathname, location.href);
    url.search = location.search;
    if (field.value === '') {
      url.searchParams.delete(field.name);
    } else {
      url.searchParams.set(field.name, field.value);
    }
    if (field.name === 'project_type') {
      url.searchParams.delete('module');
    }
    return url.href;
  }

  document.addEventListener('change', function (event) {
    var field = event.target;
    var form = field.form;
    if (!form || !form.classList.contains('filters') || !field.name || field.hasAttribute('data-typeahead')) {
      return;
    }
    navigate(changedAddress(form, field), true, field.name);
  });

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form.classList.contains('filters')) {
      event.preventDefault();
      navigate(formAddress(form), true);
    }
  });

  window.addEventListener('popstate', function (event) {
    if (withoutHash(location.href) !== shown) {
      navigate(location.href, false, null, event.state && event.state.scroll);
    }
  });

  /** "Copy link": the address is the whole state of the page. */
  function addCopyLink(root) {
    var form = root.querySelector('form.filters');
    if (!form || form.querySelector('.copy-link')) {
      return;
    }
    var button = element('button', 'copy-link', 'Copy link');
    button.type = 'button';
    var said = element('span', 'copy-status');
    said.setAttribute('aria-live', 'polite');
    button.addEventListener('click', function () {
      var text = location.href;
      var copied = navigator.clipboard && window.isSecureContext
        ? navigator.clipboard.writeText(text)
        : Promise.reject(new Error('no clipboard'));
      copied.catch(function () {
        var field = element('textarea', 'offscreen');
        field.value = text;
        document.body.appendChild(field);
        field.select();
        var ok = document.execCommand && document.execCommand('copy');
        field.remove();
        if (!ok) {
          throw new Error('not copied');
        }
      }).then(function () {
        said.textContent = 'Link copied';
      }, function () {
        said.textContent = 'Copy the address from the address bar';
      });
    });
    form.appendChild(button);
    form.appendChild(said);
  }

  /* ---------------------------------------------------------- type-ahead */

  function typeahead(input) {
    var list = input.list;
    if (!list || input.dataset.enhanced) {
      return;
    }
    input.dataset.enhanced = 'true';
    var timer = null;
    var asked = null;
    input.addEventListener('input', function () {
      var value = input.value;
      var chosen = Array.prototype.some.call(list.options, function (o) { return o.value === value; });
      if (chosen && value !== '') {
        var url = new URL(location.href);
        url.searchParams.set(input.name, value);
        navigate(url.href, true, input.name);
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(function () { suggest(value.trim()); }, 250);
    });
    function suggest(text) {
      if (text === '' || text === asked) {
        return;
      }
      asked = text;
      var url = new URL(input.dataset.typeahead, location.href);
      new URLSearchParams(location.search).forEach(function (value, name) {
        if (name !== input.name && name !== 'q') {
          url.searchParams.append(name, value);
        }
      });
      url.searchParams.set('q', text);
      get(url.href, 'application/json')
        .then(function (response) { return response.json(); })
        .then(function (users) {
          if (asked !== text) {
            return;
          }
          while (list.firstChild) {
            list.removeChild(list.firstChild);
          }
          users.forEach(function (user) {
            var option = element('option');
            option.value = user.id;
            option.label = user.text;
            list.appendChild(option);
          });
        })
        .catch(function () { /* no suggestions; the field still works as a plain filter */ });
    }
  }

  /* -------------------------------------------------------------- "More" */

  function more(link) {
    var url = new URL(link.href, location.href);
    url.searchParams.set('fragment', '1');
    var list = null;
    for (var at = link.parentNode; at && !list; at = at.parentNode) {
      list = at.querySelector ? at.querySelector('ol.activity') : null;
    }
    if (!list || !window.fetch) {
      location.assign(link.href);
      return;
    }
    link.setAttribute('aria-busy', 'true');
    get(url.href, 'text/html')
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var items = doc.querySelectorAll('ol.activity > li');
        if (items.length === 0) {
          items = Array.prototype.filter.call(doc.body.children, function (e) { return e.tagName === 'LI'; });
        }
        var first = null;
        Array.prototype.forEach.call(items, function (item) {
          var mine = document.importNode(item, true);
          list.appendChild(mine);
          first = first || mine;
        });
        var next = doc.querySelector('a[data-more]');
        if (next) {
          link.href = next.getAttribute('href');
          link.removeAttribute('aria-busy');
        } else {
          link.remove();
        }
        if (first) {
          first.setAttribute('tabindex', '-1');
          first.focus();
        }
      })
      .catch(function () { location.assign(link.href); });
  }

  /* ---------------------------------------------------------------- start */

  /** Counts the contents shown, so that a late "drawn" of swapped-out charts says nothing. */
  var shownCount = 0;

  function init(root) {
    var mine = ++shownCount;
    setReady(false);
    drawCharts(root, function () {
      if (mine === shownCount) {
        setReady(true);
      }
    });
    Array.prototype.forEach.call(root.querySelectorAll('table.data-table'), enhanceTable);
    Array.prototype.forEach.call(root.querySelectorAll('input[data-typeahead]'), typeahead);
    addCopyLink(root);
  }

  if (window.history && history.replaceState) {
    history.replaceState({stackvault: true}, '', location.href);
    history.scrollRestoration = 'manual'; // the swap puts the scroll back, once the content is there
  }
  init(document.querySelector('main') || document.body);
})();
