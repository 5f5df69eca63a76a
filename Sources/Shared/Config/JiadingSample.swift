/// The embedded default reference data: an illustrative Jiading sample (see docs/configuration.md).
/// Real deployments replace it from the district's own lists.
enum JiadingSample {
    /// The `reference` section of the default deployment configuration, as JSON.
    static let referenceJSON = #"""
    {
      "timeZone": "Asia/Shanghai",
      "calendar": {
        "week": {
          "mon": ["08:30-11:30", "13:00-17:30"],
          "tue": ["08:30-11:30", "13:00-17:30"],
          "wed": ["08:30-11:30", "13:00-17:30"],
          "thu": ["08:30-11:30", "13:00-17:30"],
          "fri": ["08:30-11:30", "13:00-17:30"],
          "sat": [],
          "sun": []
        },
        "holidays": [
          "2026-01-01", "2026-01-02", "2026-01-03", "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18",
          "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23", "2026-04-04", "2026-04-05",
          "2026-04-06", "2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05", "2026-06-19",
          "2026-06-20", "2026-06-21", "2026-09-25", "2026-09-26", "2026-09-27", "2026-10-01", "2026-10-02",
          "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"
        ],
        "makeUpWorkdays": ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]
      },
      "roles": [
        {"id": "cgzf", "name": "城管执法"},
        {"id": "scjg", "name": "市场监管"},
        {"id": "lhsr", "name": "绿化市容"},
        {"id": "sw", "name": "水务"},
        {"id": "fxb", "name": "防汛办"},
        {"id": "xf", "name": "消防救援"},
        {"id": "jj", "name": "交警"},
        {"id": "pcs", "name": "派出所"},
        {"id": "gs", "name": "供水"},
        {"id": "fg", "name": "房管"}
      ],
      "grids": [
        {"id": "JD", "name": "嘉定区", "level": "district"},
        {"id": "JD-JDZ", "name": "嘉定镇街道", "level": "town", "parent": "JD", "chief": {"name": "张子涵", "contact": "jdz-chief"}},
        {"id": "JD-JDZ-A01", "name": "州桥片区", "level": "area", "parent": "JD-JDZ", "chief": {"name": "徐晓峰", "contact": "jdz-a01-chief"}, "deputy": {"name": "朱雅琴", "contact": "jdz-a01-deputy"}},
        {"id": "JD-JDZ-A01-G01", "name": "州桥老街街区网格", "level": "unit", "kind": "block", "parent": "JD-JDZ-A01", "chief": {"name": "李秀英", "contact": "jdz-a01-g01-chief"}, "workers": [{"name": "金志强", "contact": "jdz-a01-g01-w1", "role": "full-time"}, {"name": "曹浩", "contact": "jdz-a01-g01-w2", "role": "full-time"}, {"name": "王林峰", "contact": "jdz-a01-g01-w3", "role": "operations"}]},
        {"id": "JD-JDZ-A01-G01-M01", "name": "州桥小微网格", "level": "micro", "parent": "JD-JDZ-A01-G01", "chief": {"name": "钱永林", "contact": "jdz-a01-g01-m01-chief"}},
        {"id": "JD-JDZ-A01-G01-M02", "name": "法华塔周边小微网格", "level": "micro", "parent": "JD-JDZ-A01-G01", "chief": {"name": "郁德明", "contact": "jdz-a01-g01-m02-chief"}},
        {"id": "JD-JDZ-A01-G01-M03", "name": "孔庙周边小微网格", "level": "micro", "parent": "JD-JDZ-A01-G01", "chief": {"name": "金秀英", "contact": "jdz-a01-g01-m03-chief"}},
        {"id": "JD-JDZ-A01-G02", "name": "南大街路段网格", "level": "unit", "kind": "road", "parent": "JD-JDZ-A01", "chief": {"name": "周家豪", "contact": "jdz-a01-g02-chief"}, "workers": [{"name": "杨文斌", "contact": "jdz-a01-g02-w1", "role": "full-time"}, {"name": "夏佳怡", "contact": "jdz-a01-g02-w2", "role": "operations"}]},
        {"id": "JD-JDZ-A01-G02-M01", "name": "南大街北段小微网格", "level": "micro", "parent": "JD-JDZ-A01-G02", "chief": {"name": "潘文斌", "contact": "jdz-a01-g02-m01-chief"}},
        {"id": "JD-JDZ-A01-G02-M02", "name": "南大街南段小微网格", "level": "micro", "parent": "JD-JDZ-A01-G02", "chief": {"name": "顾思远", "contact": "jdz-a01-g02-m02-chief"}},
        {"id": "JD-JDZ-A01-G03", "name": "汇龙潭街区网格", "level": "unit", "kind": "block", "parent": "JD-JDZ-A01", "chief": {"name": "俞思远", "contact": "jdz-a01-g03-chief"}, "workers": [{"name": "施桂芳", "contact": "jdz-a01-g03-w1", "role": "full-time"}, {"name": "许慧琴", "contact": "jdz-a01-g03-w2", "role": "full-time"}, {"name": "顾颖", "contact": "jdz-a01-g03-w3", "role": "operations"}]},
        {"id": "JD-JDZ-A01-G03-M01", "name": "汇龙潭公园周边小微网格", "level": "micro", "parent": "JD-JDZ-A01-G03", "chief": {"name": "钱雪芳", "contact": "jdz-a01-g03-m01-chief"}},
        {"id": "JD-JDZ-A01-G03-M02", "name": "秋霞圃周边小微网格", "level": "micro", "parent": "JD-JDZ-A01-G03", "chief": {"name": "顾慧琴", "contact": "jdz-a01-g03-m02-chief"}},
        {"id": "JD-JDZ-A02", "name": "西门片区", "level": "area", "parent": "JD-JDZ", "chief": {"name": "周玉兰", "contact": "jdz-a02-chief"}, "deputy": {"name": "陈林峰", "contact": "jdz-a02-deputy"}},
        {"id": "JD-JDZ-A02-G01", "name": "西大街街区网格", "level": "unit", "kind": "block", "parent": "JD-JDZ-A02", "chief": {"name": "刘亚萍", "contact": "jdz-a02-g01-chief"}, "workers": [{"name": "王莉", "contact": "jdz-a02-g01-w1", "role": "full-time"}, {"name": "陆文斌", "contact": "jdz-a02-g01-w2", "role": "operations"}]},
        {"id": "JD-JDZ-A02-G01-M01", "name": "西大街东段小微网格", "level": "micro", "parent": "JD-JDZ-A02-G01", "chief": {"name": "陆婷", "contact": "jdz-a02-g01-m01-chief"}},
        {"id": "JD-JDZ-A02-G01-M02", "name": "练祁河沿线小微网格", "level": "micro", "parent": "JD-JDZ-A02-G01", "chief": {"name": "徐志强", "contact": "jdz-a02-g01-m02-chief"}},
        {"id": "JD-JDZ-A02-G01-M03", "name": "西大街西段小微网格", "level": "micro", "parent": "JD-JDZ-A02-G01", "chief": {"name": "俞爱华", "contact": "jdz-a02-g01-m03-chief"}},
        {"id": "JD-JDZ-A02-G02", "name": "塔城路路段网格", "level": "unit", "kind": "road", "parent": "JD-JDZ-A02", "chief": {"name": "殷秀英", "contact": "jdz-a02-g02-chief"}, "workers": [{"name": "夏立新", "contact": "jdz-a02-g02-w1", "role": "full-time"}, {"name": "张敏", "contact": "jdz-a02-g02-w2", "role": "full-time"}, {"name": "王秋萍", "contact": "jdz-a02-g02-w3", "role": "operations"}]},
        {"id": "JD-JDZ-A02-G02-M01", "name": "塔城路北段小微网格", "level": "micro", "parent": "JD-JDZ-A02-G02", "chief": {"name": "钱晓峰", "contact": "jdz-a02-g02-m01-chief"}},
        {"id": "JD-JDZ-A02-G02-M02", "name": "塔城路南段小微网格", "level": "micro", "parent": "JD-JDZ-A02-G02", "chief": {"name": "夏磊", "contact": "jdz-a02-g02-m02-chief"}},
        {"id": "JD-JDZ-A02-G03", "name": "城中路农贸市场网格", "level": "unit", "kind": "market", "parent": "JD-JDZ-A02", "chief": {"name": "俞永林", "contact": "jdz-a02-g03-chief"}, "workers": [{"name": "施婷", "contact": "jdz-a02-g03-w1", "role": "full-time"}, {"name": "黄志强", "contact": "jdz-a02-g03-w2", "role": "operations"}]},
        {"id": "JD-JDZ-A02-G03-M01", "name": "农贸市场内场小微网格", "level": "micro", "parent": "JD-JDZ-A02-G03", "chief": {"name": "唐德明", "contact": "jdz-a02-g03-m01-chief"}},
        {"id": "JD-JDZ-A02-G03-M02", "name": "农贸市场外围小微网格", "level": "micro", "parent": "JD-JDZ-A02-G03", "chief": {"name": "王秀英", "contact": "jdz-a02-g03-m02-chief"}},
        {"id": "JD-XCL", "name": "新成路街道", "level": "town", "parent": "JD", "chief": {"name": "朱晓东", "contact": "xcl-chief"}},
        {"id": "JD-ZX", "name": "真新街道", "level": "town", "parent": "JD", "chief": {"name": "陈丽华", "contact": "zx-chief"}},
        {"id": "JD-NX", "name": "南翔镇", "level": "town", "parent": "JD", "chief": {"name": "王建国", "contact": "nx-chief"}},
        {"id": "JD-NX-A01", "name": "南翔老街片区", "level": "area", "parent": "JD-NX", "chief": {"name": "邱雅琴", "contact": "nx-a01-chief"}, "deputy": {"name": "刘莉", "contact": "nx-a01-deputy"}},
        {"id": "JD-NX-A01-G01", "name": "古猗园路段网格", "level": "unit", "kind": "road", "parent": "JD-NX-A01", "chief": {"name": "沈建国", "contact": "nx-a01-g01-chief"}, "workers": [{"name": "姚永林", "contact": "nx-a01-g01-w1", "role": "full-time"}, {"name": "郁志强", "contact": "nx-a01-g01-w2", "role": "full-time"}, {"name": "黄晓燕", "contact": "nx-a01-g01-w3", "role": "operations"}]},
        {"id": "JD-NX-A01-G01-M01", "name": "古猗园路东段小微网格", "level": "micro", "parent": "JD-NX-A01-G01", "chief": {"name": "李国强", "contact": "nx-a01-g01-m01-chief"}},
        {"id": "JD-NX-A01-G01-M02", "name": "古猗园路西段小微网格", "level": "micro", "parent": "JD-NX-A01-G01", "chief": {"name": "邱佳怡", "contact": "nx-a01-g01-m02-chief"}},
        {"id": "JD-NX-A01-G02", "name": "南翔老街街区网格", "level": "unit", "kind": "block", "parent": "JD-NX-A01", "chief": {"name": "钟振华", "contact": "nx-a01-g02-chief"}, "workers": [{"name": "张新华", "contact": "nx-a01-g02-w1", "role": "full-time"}, {"name": "沈美玲", "contact": "nx-a01-g02-w2", "role": "operations"}]},
        {"id": "JD-NX-A01-G02-M01", "name": "解放街小微网格", "level": "micro", "parent": "JD-NX-A01-G02", "chief": {"name": "姚国平", "contact": "nx-a01-g02-m01-chief"}},
        {"id": "JD-NX-A01-G02-M02", "name": "人民街小微网格", "level": "micro", "parent": "JD-NX-A01-G02", "chief": {"name": "夏颖", "contact": "nx-a01-g02-m02-chief"}},
        {"id": "JD-NX-A01-G02-M03", "name": "留云禅寺周边小微网格", "level": "micro", "parent": "JD-NX-A01-G02", "chief": {"name": "金浩", "contact": "nx-a01-g02-m03-chief"}},
        {"id": "JD-NX-A01-G03", "name": "南翔印象城商业综合体网格", "level": "unit", "kind": "complex", "parent": "JD-NX-A01", "chief": {"name": "钱俊", "contact": "nx-a01-g03-chief"}, "workers": [{"name": "吴思远", "contact": "nx-a01-g03-w1", "role": "full-time"}, {"name": "严建华", "contact": "nx-a01-g03-w2", "role": "full-time"}, {"name": "张德明", "contact": "nx-a01-g03-w3", "role": "operations"}]},
        {"id": "JD-NX-A01-G03-M01", "name": "印象城北区小微网格", "level": "micro", "parent": "JD-NX-A01-G03", "chief": {"name": "俞雪芳", "contact": "nx-a01-g03-m01-chief"}},
        {"id": "JD-NX-A01-G03-M02", "name": "印象城南区小微网格", "level": "micro", "parent": "JD-NX-A01-G03", "chief": {"name": "蒋振华", "contact": "nx-a01-g03-m02-chief"}},
        {"id": "JD-NX-A02", "name": "蕴藻浜片区", "level": "area", "parent": "JD-NX", "chief": {"name": "孙宇航", "contact": "nx-a02-chief"}, "deputy": {"name": "殷文杰", "contact": "nx-a02-deputy"}},
        {"id": "JD-NX-A02-G01", "name": "德园街区网格", "level": "unit", "kind": "block", "parent": "JD-NX-A02", "chief": {"name": "许振华", "contact": "nx-a02-g01-chief"}, "workers": [{"name": "夏宇航", "contact": "nx-a02-g01-w1", "role": "full-time"}, {"name": "严秀英", "contact": "nx-a02-g01-w2", "role": "operations"}]},
        {"id": "JD-NX-A02-G01-M01", "name": "德园一期小微网格", "level": "micro", "parent": "JD-NX-A02-G01", "chief": {"name": "沈浩", "contact": "nx-a02-g01-m01-chief"}},
        {"id": "JD-NX-A02-G01-M02", "name": "德园二期小微网格", "level": "micro", "parent": "JD-NX-A02-G01", "chief": {"name": "吴俊", "contact": "nx-a02-g01-m02-chief"}},
        {"id": "JD-NX-A02-G01-M03", "name": "德园三期小微网格", "level": "micro", "parent": "JD-NX-A02-G01", "chief": {"name": "金家豪", "contact": "nx-a02-g01-m03-chief"}},
        {"id": "JD-NX-A02-G02", "name": "沪宜公路南翔段路段网格", "level": "unit", "kind": "road", "parent": "JD-NX-A02", "chief": {"name": "沈国强", "contact": "nx-a02-g02-chief"}, "workers": [{"name": "邱文杰", "contact": "nx-a02-g02-w1", "role": "full-time"}, {"name": "许文斌", "contact": "nx-a02-g02-w2", "role": "full-time"}, {"name": "郁美玲", "contact": "nx-a02-g02-w3", "role": "operations"}]},
        {"id": "JD-NX-A02-G02-M01", "name": "沪宜公路北段小微网格", "level": "micro", "parent": "JD-NX-A02-G02", "chief": {"name": "郁静", "contact": "nx-a02-g02-m01-chief"}},
        {"id": "JD-NX-A02-G02-M02", "name": "沪宜公路南段小微网格", "level": "micro", "parent": "JD-NX-A02-G02", "chief": {"name": "钱新华", "contact": "nx-a02-g02-m02-chief"}},
        {"id": "JD-NX-A02-G03", "name": "槎溪街区网格", "level": "unit", "kind": "block", "parent": "JD-NX-A02", "chief": {"name": "夏家豪", "contact": "nx-a02-g03-chief"}, "workers": [{"name": "邱晓东", "contact": "nx-a02-g03-w1", "role": "full-time"}, {"name": "唐慧琴", "contact": "nx-a02-g03-w2", "role": "operations"}]},
        {"id": "JD-NX-A02-G03-M01", "name": "槎溪路小微网格", "level": "micro", "parent": "JD-NX-A02-G03", "chief": {"name": "殷新华", "contact": "nx-a02-g03-m01-chief"}},
        {"id": "JD-NX-A02-G03-M02", "name": "槎溪公园周边小微网格", "level": "micro", "parent": "JD-NX-A02-G03", "chief": {"name": "姚建国", "contact": "nx-a02-g03-m02-chief"}},
        {"id": "JD-NX-A03", "name": "南翔智地片区", "level": "area", "parent": "JD-NX", "chief": {"name": "潘爱华", "contact": "nx-a03-chief"}, "deputy": {"name": "唐文斌", "contact": "nx-a03-deputy"}},
        {"id": "JD-NX-A03-G01", "name": "南翔智地园区网格", "level": "unit", "kind": "park", "parent": "JD-NX-A03", "chief": {"name": "唐国强", "contact": "nx-a03-g01-chief"}, "workers": [{"name": "潘子涵", "contact": "nx-a03-g01-w1", "role": "full-time"}, {"name": "严林峰", "contact": "nx-a03-g01-w2", "role": "full-time"}, {"name": "严永林", "contact": "nx-a03-g01-w3", "role": "operations"}]},
        {"id": "JD-NX-A03-G01-M01", "name": "智地总部楼宇小微网格", "level": "micro", "kind": "building", "parent": "JD-NX-A03-G01", "chief": {"name": "孙磊", "contact": "nx-a03-g01-m01-chief"}},
        {"id": "JD-NX-A03-G01-M02", "name": "智地东区小微网格", "level": "micro", "parent": "JD-NX-A03-G01", "chief": {"name": "钟慧琴", "contact": "nx-a03-g01-m02-chief"}},
        {"id": "JD-NX-A03-G01-M03", "name": "智地西区小微网格", "level": "micro", "parent": "JD-NX-A03-G01", "chief": {"name": "顾家豪", "contact": "nx-a03-g01-m03-chief"}},
        {"id": "JD-NX-A03-G02", "name": "嘉美路路段网格", "level": "unit", "kind": "road", "parent": "JD-NX-A03", "chief": {"name": "施伟", "contact": "nx-a03-g02-chief"}, "workers": [{"name": "殷颖", "contact": "nx-a03-g02-w1", "role": "full-time"}, {"name": "钱秋萍", "contact": "nx-a03-g02-w2", "role": "operations"}]},
        {"id": "JD-NX-A03-G02-M01", "name": "嘉美路东段小微网格", "level": "micro", "parent": "JD-NX-A03-G02", "chief": {"name": "俞文斌", "contact": "nx-a03-g02-m01-chief"}},
        {"id": "JD-NX-A03-G02-M02", "name": "嘉美路西段小微网格", "level": "micro", "parent": "JD-NX-A03-G02", "chief": {"name": "张国强", "contact": "nx-a03-g02-m02-chief"}},
        {"id": "JD-NX-A03-G03", "name": "静华新村街区网格", "level": "unit", "kind": "block", "parent": "JD-NX-A03", "chief": {"name": "郁家豪", "contact": "nx-a03-g03-chief"}, "workers": [{"name": "孙秋萍", "contact": "nx-a03-g03-w1", "role": "full-time"}, {"name": "沈凤英", "contact": "nx-a03-g03-w2", "role": "full-time"}, {"name": "朱慧琴", "contact": "nx-a03-g03-w3", "role": "operations"}]},
        {"id": "JD-NX-A03-G03-M01", "name": "静华新村北区小微网格", "level": "micro", "parent": "JD-NX-A03-G03", "chief": {"name": "范莉", "contact": "nx-a03-g03-m01-chief"}},
        {"id": "JD-NX-A03-G03-M02", "name": "静华新村南区小微网格", "level": "micro", "parent": "JD-NX-A03-G03", "chief": {"name": "施丽华", "contact": "nx-a03-g03-m02-chief"}},
        {"id": "JD-AT", "name": "安亭镇", "level": "town", "parent": "JD", "chief": {"name": "殷晓燕", "contact": "at-chief"}},
        {"id": "JD-AT-A01", "name": "安亭老街片区", "level": "area", "parent": "JD-AT", "chief": {"name": "姚林峰", "contact": "at-a01-chief"}, "deputy": {"name": "许建国", "contact": "at-a01-deputy"}},
        {"id": "JD-AT-A01-G01", "name": "安亭老街街区网格", "level": "unit", "kind": "block", "parent": "JD-AT-A01", "chief": {"name": "唐秀英", "contact": "at-a01-g01-chief"}, "workers": [{"name": "王雅琴", "contact": "at-a01-g01-w1", "role": "full-time"}, {"name": "李海燕", "contact": "at-a01-g01-w2", "role": "full-time"}, {"name": "朱振华", "contact": "at-a01-g01-w3", "role": "operations"}]},
        {"id": "JD-AT-A01-G01-M01", "name": "安亭老街东段小微网格", "level": "micro", "parent": "JD-AT-A01-G01", "chief": {"name": "周思远", "contact": "at-a01-g01-m01-chief"}},
        {"id": "JD-AT-A01-G01-M02", "name": "菩提寺周边小微网格", "level": "micro", "parent": "JD-AT-A01-G01", "chief": {"name": "黄丽华", "contact": "at-a01-g01-m02-chief"}},
        {"id": "JD-AT-A01-G01-M03", "name": "安亭老街西段小微网格", "level": "micro", "parent": "JD-AT-A01-G01", "chief": {"name": "钱敏", "contact": "at-a01-g01-m03-chief"}},
        {"id": "JD-AT-A01-G02", "name": "墨玉南路路段网格", "level": "unit", "kind": "road", "parent": "JD-AT-A01", "chief": {"name": "刘晓燕", "contact": "at-a01-g02-chief"}, "workers": [{"name": "王丽华", "contact": "at-a01-g02-w1", "role": "full-time"}, {"name": "徐敏", "contact": "at-a01-g02-w2", "role": "operations"}]},
        {"id": "JD-AT-A01-G02-M01", "name": "墨玉南路北段小微网格", "level": "micro", "parent": "JD-AT-A01-G02", "chief": {"name": "顾海燕", "contact": "at-a01-g02-m01-chief"}},
        {"id": "JD-AT-A01-G02-M02", "name": "墨玉南路南段小微网格", "level": "micro", "parent": "JD-AT-A01-G02", "chief": {"name": "陈建国", "contact": "at-a01-g02-m02-chief"}},
        {"id": "JD-AT-A02", "name": "国际汽车城片区", "level": "area", "parent": "JD-AT", "chief": {"name": "孙静", "contact": "at-a02-chief"}, "deputy": {"name": "周莉", "contact": "at-a02-deputy"}},
        {"id": "JD-AT-A02-G01", "name": "上海国际汽车城园区网格", "level": "unit", "kind": "park", "parent": "JD-AT-A02", "chief": {"name": "唐红梅", "contact": "at-a02-g01-chief"}, "workers": [{"name": "杨雪芳", "contact": "at-a02-g01-w1", "role": "full-time"}, {"name": "刘俊", "contact": "at-a02-g01-w2", "role": "operations"}]},
        {"id": "JD-AT-A02-G01-M01", "name": "汽车城大厦小微网格", "level": "micro", "kind": "building", "parent": "JD-AT-A02-G01", "chief": {"name": "徐凤英", "contact": "at-a02-g01-m01-chief"}},
        {"id": "JD-AT-A02-G01-M02", "name": "汽车博览公园周边小微网格", "level": "micro", "parent": "JD-AT-A02-G01", "chief": {"name": "姚颖", "contact": "at-a02-g01-m02-chief"}},
        {"id": "JD-AT-A02-G01-M03", "name": "同济嘉定校区周边小微网格", "level": "micro", "parent": "JD-AT-A02-G01", "chief": {"name": "曹德明", "contact": "at-a02-g01-m03-chief"}},
        {"id": "JD-AT-A02-G02", "name": "安亭新镇街区网格", "level": "unit", "kind": "block", "parent": "JD-AT-A02", "chief": {"name": "蒋秀英", "contact": "at-a02-g02-chief"}, "workers": [{"name": "施春燕", "contact": "at-a02-g02-w1", "role": "full-time"}, {"name": "王俊", "contact": "at-a02-g02-w2", "role": "full-time"}, {"name": "金建国", "contact": "at-a02-g02-w3", "role": "operations"}]},
        {"id": "JD-AT-A02-G02-M01", "name": "安亭新镇一期小微网格", "level": "micro", "parent": "JD-AT-A02-G02", "chief": {"name": "郁佳怡", "contact": "at-a02-g02-m01-chief"}},
        {"id": "JD-AT-A02-G02-M02", "name": "安亭新镇二期小微网格", "level": "micro", "parent": "JD-AT-A02-G02", "chief": {"name": "陈晓燕", "contact": "at-a02-g02-m02-chief"}},
        {"id": "JD-AT-A02-G03", "name": "安智路路段网格", "level": "unit", "kind": "road", "parent": "JD-AT-A02", "chief": {"name": "许立新", "contact": "at-a02-g03-chief"}, "workers": [{"name": "李静", "contact": "at-a02-g03-w1", "role": "full-time"}, {"name": "顾春燕", "contact": "at-a02-g03-w2", "role": "operations"}]},
        {"id": "JD-AT-A02-G03-M01", "name": "安智路北段小微网格", "level": "micro", "parent": "JD-AT-A02-G03", "chief": {"name": "周海燕", "contact": "at-a02-g03-m01-chief"}},
        {"id": "JD-AT-A02-G03-M02", "name": "安智路南段小微网格", "level": "micro", "parent": "JD-AT-A02-G03", "chief": {"name": "许国平", "contact": "at-a02-g03-m02-chief"}},
        {"id": "JD-AT-A02-G04", "name": "安亭汽配专业市场网格", "level": "unit", "kind": "market", "parent": "JD-AT-A02", "chief": {"name": "殷明辉", "contact": "at-a02-g04-chief"}, "workers": [{"name": "吴佳怡", "contact": "at-a02-g04-w1", "role": "full-time"}, {"name": "范国平", "contact": "at-a02-g04-w2", "role": "full-time"}, {"name": "陆晓东", "contact": "at-a02-g04-w3", "role": "operations"}]},
        {"id": "JD-AT-A02-G04-M01", "name": "汽配市场内场小微网格", "level": "micro", "parent": "JD-AT-A02-G04", "chief": {"name": "刘林峰", "contact": "at-a02-g04-m01-chief"}},
        {"id": "JD-AT-A02-G04-M02", "name": "汽配市场外围小微网格", "level": "micro", "parent": "JD-AT-A02-G04", "chief": {"name": "钱国强", "contact": "at-a02-g04-m02-chief"}},
        {"id": "JD-AT-A03", "name": "黄渡片区", "level": "area", "parent": "JD-AT", "chief": {"name": "钟立新", "contact": "at-a03-chief"}, "deputy": {"name": "李明辉", "contact": "at-a03-deputy"}},
        {"id": "JD-AT-A03-G01", "name": "黄渡老镇街区网格", "level": "unit", "kind": "block", "parent": "JD-AT-A03", "chief": {"name": "张海燕", "contact": "at-a03-g01-chief"}, "workers": [{"name": "吴凤英", "contact": "at-a03-g01-w1", "role": "full-time"}, {"name": "邱德明", "contact": "at-a03-g01-w2", "role": "full-time"}, {"name": "曹雪芳", "contact": "at-a03-g01-w3", "role": "operations"}]},
        {"id": "JD-AT-A03-G01-M01", "name": "黄渡老街小微网格", "level": "micro", "parent": "JD-AT-A03-G01", "chief": {"name": "姚秀英", "contact": "at-a03-g01-m01-chief"}},
        {"id": "JD-AT-A03-G01-M02", "name": "绿苑小区小微网格", "level": "micro", "parent": "JD-AT-A03-G01", "chief": {"name": "胡红梅", "contact": "at-a03-g01-m02-chief"}},
        {"id": "JD-AT-A03-G01-M03", "name": "黄渡新村小微网格", "level": "micro", "parent": "JD-AT-A03-G01", "chief": {"name": "张浩", "contact": "at-a03-g01-m03-chief"}},
        {"id": "JD-AT-A03-G02", "name": "曹安公路黄渡段路段网格", "level": "unit", "kind": "road", "parent": "JD-AT-A03", "chief": {"name": "陆国平", "contact": "at-a03-g02-chief"}, "workers": [{"name": "钟新华", "contact": "at-a03-g02-w1", "role": "full-time"}, {"name": "徐雅琴", "contact": "at-a03-g02-w2", "role": "operations"}]},
        {"id": "JD-AT-A03-G02-M01", "name": "曹安公路东段小微网格", "level": "micro", "parent": "JD-AT-A03-G02", "chief": {"name": "姚海燕", "contact": "at-a03-g02-m01-chief"}},
        {"id": "JD-AT-A03-G02-M02", "name": "曹安公路西段小微网格", "level": "micro", "parent": "JD-AT-A03-G02", "chief": {"name": "王敏", "contact": "at-a03-g02-m02-chief"}},
        {"id": "JD-AT-A03-G03", "name": "黄渡工业园区网格", "level": "unit", "kind": "park", "parent": "JD-AT-A03", "chief": {"name": "刘志强", "contact": "at-a03-g03-chief"}, "workers": [{"name": "陆颖", "contact": "at-a03-g03-w1", "role": "full-time"}, {"name": "严佳怡", "contact": "at-a03-g03-w2", "role": "full-time"}, {"name": "李秋萍", "contact": "at-a03-g03-w3", "role": "operations"}]},
        {"id": "JD-AT-A03-G03-M01", "name": "园区北块小微网格", "level": "micro", "parent": "JD-AT-A03-G03", "chief": {"name": "潘雪芳", "contact": "at-a03-g03-m01-chief"}},
        {"id": "JD-AT-A03-G03-M02", "name": "园区南块小微网格", "level": "micro", "parent": "JD-AT-A03-G03", "chief": {"name": "陈桂芳", "contact": "at-a03-g03-m02-chief"}},
        {"id": "JD-ML", "name": "马陆镇", "level": "town", "parent": "JD", "chief": {"name": "殷亚萍", "contact": "ml-chief"}},
        {"id": "JD-XH", "name": "徐行镇", "level": "town", "parent": "JD", "chief": {"name": "邱家豪", "contact": "xh-chief"}},
        {"id": "JD-HT", "name": "华亭镇", "level": "town", "parent": "JD", "chief": {"name": "顾磊", "contact": "ht-chief"}},
        {"id": "JD-WG", "name": "外冈镇", "level": "town", "parent": "JD", "chief": {"name": "钟磊", "contact": "wg-chief"}},
        {"id": "JD-JQ", "name": "江桥镇", "level": "town", "parent": "JD", "chief": {"name": "胡俊", "contact": "jq-chief"}},
        {"id": "JD-GYQ", "name": "嘉定工业区", "level": "town", "parent": "JD", "chief": {"name": "吴雪芳", "contact": "gyq-chief"}},
        {"id": "JD-JY", "name": "菊园新区", "level": "town", "parent": "JD", "chief": {"name": "孙文杰", "contact": "jy-chief"}}
      ],
      "departments": [
        {"id": "JD-JDZ-CGZF", "name": "嘉定镇城管执法中队", "role": "cgzf", "serves": "JD-JDZ", "parent": "JD-CGZF"},
        {"id": "JD-JDZ-SCJG", "name": "嘉定镇市场监管所", "role": "scjg", "serves": "JD-JDZ", "parent": "JD-SCJG"},
        {"id": "JD-JDZ-PCS", "name": "嘉定镇派出所", "role": "pcs", "serves": "JD-JDZ", "parent": "JD-GA"},
        {"id": "JD-JDZ-FXB", "name": "嘉定镇街道防汛办", "role": "fxb", "serves": "JD-JDZ", "parent": "JD-FXB"},
        {"id": "JD-XCL-CGZF", "name": "新成路城管执法中队", "role": "cgzf", "serves": "JD-XCL", "parent": "JD-CGZF"},
        {"id": "JD-XCL-SCJG", "name": "新成路市场监管所", "role": "scjg", "serves": "JD-XCL", "parent": "JD-SCJG"},
        {"id": "JD-XCL-PCS", "name": "新成路派出所", "role": "pcs", "serves": "JD-XCL", "parent": "JD-GA"},
        {"id": "JD-XCL-FXB", "name": "新成路街道防汛办", "role": "fxb", "serves": "JD-XCL", "parent": "JD-FXB"},
        {"id": "JD-ZX-CGZF", "name": "真新城管执法中队", "role": "cgzf", "serves": "JD-ZX", "parent": "JD-CGZF"},
        {"id": "JD-ZX-SCJG", "name": "真新市场监管所", "role": "scjg", "serves": "JD-ZX", "parent": "JD-SCJG"},
        {"id": "JD-ZX-PCS", "name": "真新派出所", "role": "pcs", "serves": "JD-ZX", "parent": "JD-GA"},
        {"id": "JD-ZX-FXB", "name": "真新街道防汛办", "role": "fxb", "serves": "JD-ZX", "parent": "JD-FXB"},
        {"id": "JD-NX-CGZF", "name": "南翔城管执法中队", "role": "cgzf", "serves": "JD-NX", "parent": "JD-CGZF"},
        {"id": "JD-NX-SCJG", "name": "南翔市场监管所", "role": "scjg", "serves": "JD-NX", "parent": "JD-SCJG"},
        {"id": "JD-NX-PCS", "name": "南翔派出所", "role": "pcs", "serves": "JD-NX", "parent": "JD-GA"},
        {"id": "JD-NX-FXB", "name": "南翔镇防汛办", "role": "fxb", "serves": "JD-NX", "parent": "JD-FXB"},
        {"id": "JD-AT-CGZF", "name": "安亭城管执法中队", "role": "cgzf", "serves": "JD-AT", "parent": "JD-CGZF"},
        {"id": "JD-AT-SCJG", "name": "安亭市场监管所", "role": "scjg", "serves": "JD-AT", "parent": "JD-SCJG"},
        {"id": "JD-AT-PCS", "name": "安亭派出所", "role": "pcs", "serves": "JD-AT", "parent": "JD-GA"},
        {"id": "JD-AT-FXB", "name": "安亭镇防汛办", "role": "fxb", "serves": "JD-AT", "parent": "JD-FXB"},
        {"id": "JD-ML-CGZF", "name": "马陆城管执法中队", "role": "cgzf", "serves": "JD-ML", "parent": "JD-CGZF"},
        {"id": "JD-ML-SCJG", "name": "马陆市场监管所", "role": "scjg", "serves": "JD-ML", "parent": "JD-SCJG"},
        {"id": "JD-ML-PCS", "name": "马陆派出所", "role": "pcs", "serves": "JD-ML", "parent": "JD-GA"},
        {"id": "JD-ML-FXB", "name": "马陆镇防汛办", "role": "fxb", "serves": "JD-ML", "parent": "JD-FXB"},
        {"id": "JD-XH-CGZF", "name": "徐行城管执法中队", "role": "cgzf", "serves": "JD-XH", "parent": "JD-CGZF"},
        {"id": "JD-XH-SCJG", "name": "徐行市场监管所", "role": "scjg", "serves": "JD-XH", "parent": "JD-SCJG"},
        {"id": "JD-XH-PCS", "name": "徐行派出所", "role": "pcs", "serves": "JD-XH", "parent": "JD-GA"},
        {"id": "JD-XH-FXB", "name": "徐行镇防汛办", "role": "fxb", "serves": "JD-XH", "parent": "JD-FXB"},
        {"id": "JD-HT-CGZF", "name": "华亭城管执法中队", "role": "cgzf", "serves": "JD-HT", "parent": "JD-CGZF"},
        {"id": "JD-HT-SCJG", "name": "华亭市场监管所", "role": "scjg", "serves": "JD-HT", "parent": "JD-SCJG"},
        {"id": "JD-HT-PCS", "name": "华亭派出所", "role": "pcs", "serves": "JD-HT", "parent": "JD-GA"},
        {"id": "JD-HT-FXB", "name": "华亭镇防汛办", "role": "fxb", "serves": "JD-HT", "parent": "JD-FXB"},
        {"id": "JD-WG-CGZF", "name": "外冈城管执法中队", "role": "cgzf", "serves": "JD-WG", "parent": "JD-CGZF"},
        {"id": "JD-WG-SCJG", "name": "外冈市场监管所", "role": "scjg", "serves": "JD-WG", "parent": "JD-SCJG"},
        {"id": "JD-WG-PCS", "name": "外冈派出所", "role": "pcs", "serves": "JD-WG", "parent": "JD-GA"},
        {"id": "JD-WG-FXB", "name": "外冈镇防汛办", "role": "fxb", "serves": "JD-WG", "parent": "JD-FXB"},
        {"id": "JD-JQ-CGZF", "name": "江桥城管执法中队", "role": "cgzf", "serves": "JD-JQ", "parent": "JD-CGZF"},
        {"id": "JD-JQ-SCJG", "name": "江桥市场监管所", "role": "scjg", "serves": "JD-JQ", "parent": "JD-SCJG"},
        {"id": "JD-JQ-PCS", "name": "江桥派出所", "role": "pcs", "serves": "JD-JQ", "parent": "JD-GA"},
        {"id": "JD-JQ-FXB", "name": "江桥镇防汛办", "role": "fxb", "serves": "JD-JQ", "parent": "JD-FXB"},
        {"id": "JD-GYQ-CGZF", "name": "嘉定工业区城管执法中队", "role": "cgzf", "serves": "JD-GYQ", "parent": "JD-CGZF"},
        {"id": "JD-GYQ-SCJG", "name": "嘉定工业区市场监管所", "role": "scjg", "serves": "JD-GYQ", "parent": "JD-SCJG"},
        {"id": "JD-GYQ-PCS", "name": "嘉定工业区派出所", "role": "pcs", "serves": "JD-GYQ", "parent": "JD-GA"},
        {"id": "JD-GYQ-FXB", "name": "嘉定工业区防汛办", "role": "fxb", "serves": "JD-GYQ", "parent": "JD-FXB"},
        {"id": "JD-JY-CGZF", "name": "菊园城管执法中队", "role": "cgzf", "serves": "JD-JY", "parent": "JD-CGZF"},
        {"id": "JD-JY-SCJG", "name": "菊园市场监管所", "role": "scjg", "serves": "JD-JY", "parent": "JD-SCJG"},
        {"id": "JD-JY-PCS", "name": "菊园派出所", "role": "pcs", "serves": "JD-JY", "parent": "JD-GA"},
        {"id": "JD-JY-FXB", "name": "菊园新区防汛办", "role": "fxb", "serves": "JD-JY", "parent": "JD-FXB"},
        {"id": "JD-CGZF", "name": "区城管执法局", "role": "cgzf", "serves": "JD"},
        {"id": "JD-SCJG", "name": "区市场监管局", "role": "scjg", "serves": "JD"},
        {"id": "JD-GA", "name": "公安嘉定分局", "role": "pcs", "serves": "JD"},
        {"id": "JD-FXB", "name": "区防汛办", "role": "fxb", "serves": "JD"},
        {"id": "JD-LHSR", "name": "区绿化市容局", "role": "lhsr", "serves": "JD"},
        {"id": "JD-SW", "name": "区水务局", "role": "sw", "serves": "JD"},
        {"id": "JD-XF", "name": "区消防救援支队", "role": "xf", "serves": "JD"},
        {"id": "JD-JJ", "name": "公安嘉定分局交警支队", "role": "jj", "serves": "JD"},
        {"id": "JD-GS", "name": "嘉定自来水公司", "role": "gs", "serves": "JD"},
        {"id": "JD-FG", "name": "区房管局", "role": "fg", "serves": "JD"},
        {"id": "JD-NX-A01-XF", "name": "南翔消防救援站", "role": "xf", "serves": "JD-NX-A01", "parent": "JD-XF"},
        {"id": "JD-AT-A02-XF", "name": "安亭汽车城消防救援站", "role": "xf", "serves": "JD-AT-A02", "parent": "JD-XF"},
        {"id": "JD-AT-A03-XF", "name": "黄渡消防救援站", "role": "xf", "serves": "JD-AT-A03", "parent": "JD-XF"},
        {"id": "JD-JDZ-A01-XF", "name": "嘉定城区消防救援站", "role": "xf", "serves": "JD-JDZ-A01", "parent": "JD-XF"}
      ],
      "matters": [
        {"id": "muck-truck", "name": "渣土车违规（撒漏/违规路线/无证）", "scenario": "渣土管理", "lead": "cgzf", "co": ["lhsr", "jj"], "defaultUrgency": "urgent", "storm": false, "urgencies": {
            "urgent": {"signFor": "30 minutes", "arrive": "2 hours", "dispose": "1 working day"},
            "normal": {"signFor": "1 working hour", "dispose": "3 working days"}
        }},
        {"id": "waste-dumping", "name": "建筑垃圾（渣土）乱倒", "scenario": "渣土管理", "lead": "cgzf", "co": ["lhsr"], "defaultUrgency": "normal", "storm": false, "urgencies": {
            "normal": {"signFor": "1 working hour", "dispose": "3 working days"},
            "urgent": {"signFor": "30 minutes", "arrive": "2 hours", "dispose": "1 working day"}
        }},
        {"id": "hydrant-pressure", "name": "消火栓压力异常/漏水", "scenario": "智能消火栓", "lead": "gs", "co": ["xf"], "defaultUrgency": "urgent", "storm": false, "urgencies": {
            "urgent": {"signFor": "30 minutes", "arrive": "2 hours", "dispose": "1 working day"},
            "normal": {"signFor": "1 working hour", "dispose": "3 working days"}
        }},
        {"id": "hydrant-theft", "name": "消火栓盗用/违规取水", "scenario": "智能消火栓", "lead": "cgzf", "co": ["gs", "xf"], "defaultUrgency": "urgent", "storm": false, "urgencies": {
            "urgent": {"signFor": "30 minutes", "arrive": "1 hour", "dispose": "1 working day"}
        }},
        {"id": "hydrant-damage", "name": "消火栓损坏/遮挡", "scenario": "智能消火栓", "lead": "gs", "co": ["xf"], "defaultUrgency": "normal", "storm": false, "urgencies": {
            "normal": {"signFor": "1 working hour", "dispose": "3 working days"},
            "urgent": {"signFor": "30 minutes", "arrive": "2 hours", "dispose": "1 working day"}
        }},
        {"id": "waterlogging", "name": "防汛积水", "scenario": "防汛防台", "lead": "fxb", "co": ["sw", "cgzf"], "defaultUrgency": "urgent", "storm": true, "urgencies": {
            "urgent": {"signFor": "15 minutes", "arrive": "1 hour", "dispose": "4 hours"}
        }},
        {"id": "fallen-tree", "name": "防台树木倒伏", "scenario": "防汛防台", "lead": "lhsr", "co": ["xf"], "defaultUrgency": "urgent", "storm": true, "urgencies": {
            "urgent": {"signFor": "15 minutes", "arrive": "1 hour", "dispose": "4 hours"}
        }},
        {"id": "loose-billboard", "name": "防台广告牌松动", "scenario": "防汛防台", "lead": "cgzf", "co": ["xf"], "defaultUrgency": "urgent", "storm": true, "urgencies": {
            "urgent": {"signFor": "15 minutes", "arrive": "1 hour", "dispose": "4 hours"}
        }},
        {"id": "street-vending", "name": "占道经营", "scenario": "市容环境", "lead": "cgzf", "co": [], "defaultUrgency": "normal", "storm": false, "urgencies": {
            "normal": {"signFor": "1 working hour", "dispose": "1 working day"},
            "urgent": {"signFor": "30 minutes", "arrive": "1 hour", "dispose": "4 hours"}
        }},
        {"id": "exposed-garbage", "name": "暴露垃圾", "scenario": "市容环境", "lead": "lhsr", "co": [], "defaultUrgency": "normal", "storm": false, "urgencies": {
            "normal": {"signFor": "1 working hour", "dispose": "4 working hours"},
            "urgent": {"signFor": "30 minutes", "arrive": "2 hours", "dispose": "4 hours"}
        }},
        {"id": "food-safety", "name": "食品安全投诉（门店）", "scenario": "市场监管", "lead": "scjg", "co": [], "defaultUrgency": "normal", "storm": false, "urgencies": {
            "normal": {"signFor": "1 working day", "dispose": "5 working days"},
            "urgent": {"signFor": "30 minutes", "arrive": "2 hours", "dispose": "1 working day"}
        }},
        {"id": "group-renting", "name": "违法群租", "scenario": "房屋管理", "lead": "fg", "co": ["pcs"], "defaultUrgency": "complex", "storm": false, "urgencies": {
            "complex": {"signFor": "1 working day", "dispose": "15 working days"},
            "normal": {"signFor": "1 working day", "dispose": "5 working days"}
        }},
        {"id": "illegal-construction", "name": "违法搭建", "scenario": "违法建筑治理", "lead": "cgzf", "co": ["fg"], "defaultUrgency": "complex", "storm": false, "urgencies": {
            "complex": {"signFor": "1 working day", "arrive": "3 working days", "dispose": "15 working days"},
            "urgent": {"signFor": "1 hour", "arrive": "4 hours", "dispose": "3 working days"}
        }}
      ],
      "evaluation": {"disclosureMinimum": 5, "windowDays": 7, "basicallySatisfiedWeight": 1.0},
      "response": {
        "levelDeadlines": ["1 working day", "2 working days", "3 working days", "5 working days"],
        "remindAt": [0.5],
        "stallAfter": "1 working day",
        "escalateOn": ["redClock", "stall", "levelDeadline"],
        "towns": {
          "JD-AT": {"levelDeadlines": ["4 working hours", "1 working day", "2 working days", "5 working days"], "stallAfter": "4 working hours"}
        }
      }
    }
    """#
}
