"""Made-up but believable comments, as a Front board would type them from its meeting minutes.

``generate_comments`` is pure and deterministic: the same ``random.Random`` state, ``n`` and
``sections`` always give the same comments. A comment is built from a phrase template of its stance
(agree, amend, add, disagree, other) whose slots (topic, result, problem, proposal, indicator,
place, group of people…) are filled from a bank of topics that matter to Kiên Giang and to the
draft documents: rice, shrimp, pineapple and Phú Quốc pepper, the sea economy, tourism, the Khmer
community, religion, land, corruption and "tự diễn biến, tự chuyển hóa", Party building,
grassroots democracy, rural roads, schools, health insurance, salinity and drought, climate
change, youth employment, administrative reform and digital transformation.

When a section number belongs to one of ``ykien.demo.documents.DOCUMENTS`` the topics follow its
heading, so a comment on the section about tourism talks about tourism. About a third of the
comments restate an earlier opinion in other words (another template of the same kind, another
lead-in, small changes of wording and punctuation), as happens when many residential areas raise
the same point: these are the near-duplicates a synthesis groups together.
"""

import random
import string
import unicodedata
from dataclasses import dataclass
from typing import Any

from ykien.demo.documents import DOCUMENTS

STANCES: dict[str, float] = {
    "agree": 40,
    "amend": 25,
    "add": 25,
    "disagree": 5,
    "other": 5,
}
CATEGORIES: dict[str, float] = {
    "citizen": 55,
    "party_member": 10,
    "cadre": 8,
    "front_committee_member": 8,
    "member_organization": 8,
    "notable_person": 5,
    "advisory_council": 3,
    "other": 3,
}
CHANNELS: dict[str, float] = {"meeting": 78, "written": 9, "online": 7, "media": 2, "other": 4}
MEMBER_ORGANIZATIONS: dict[str, float] = {
    "farmers_union": 30,
    "womens_union": 25,
    "veterans_association": 18,
    "youth_union": 15,
    "trade_union": 10,
    "other": 2,
}
PEOPLE: dict[int, float] = {
    1: 72,
    2: 8,
    3: 6,
    4: 3,
    5: 4,
    6: 1.5,
    7: 1,
    8: 1,
    10: 1,
    12: 0.8,
    15: 0.7,
}

WHOLE_DOCUMENT_SHARE = 0.2  # comments on the whole document, with no section
REPEAT_SHARE = 0.35  # comments that restate an earlier opinion in other words


@dataclass(frozen=True)
class _Topic:
    key: str
    names: tuple[str, ...]  # "phát triển du lịch": follows "nội dung về", "phần"
    keywords: tuple[str, ...]  # lower-case pieces of section headings that point at the topic
    achievements: tuple[str, ...]  # follows "kết quả"
    issues: tuple[str, ...]  # a problem, noun phrase: follows "đánh giá về", "nêu rõ"
    proposals: tuple[str, ...]  # verb phrase: follows "giải pháp", "Đề nghị"
    remedies: tuple[tuple[str, str], ...]  # (issue, proposal that answers it)
    targets: tuple[str, ...]  # an indicator: follows "Chưa đồng tình với"
    pairs: tuple[tuple[str, str], ...]  # wording to change: (from, to)
    places: tuple[str, ...]  # follows "ở", "tại"
    groups: tuple[str, ...]  # people concerned


TOPICS: tuple[_Topic, ...] = (
    _Topic(
        key="nong_nghiep",
        names=("phát triển nông nghiệp", "sản xuất nông nghiệp", "nông nghiệp, nông thôn"),
        keywords=("nông nghiệp", "nông thôn", "thủy sản"),
        achievements=(
            "chuyển đổi cơ cấu cây trồng, vật nuôi",
            "nhân rộng mô hình tôm - lúa",
            "sản xuất lúa chất lượng cao",
            "xây dựng cánh đồng lớn",
            "cơ giới hóa trong sản xuất lúa",
            "phát triển vùng khóm Tắc Cậu",
            "phát triển hợp tác xã kiểu mới",
            "xây dựng nông thôn mới",
        ),
        issues=(
            "tình trạng nông dân bị thương lái ép giá lúa",
            "tình trạng giá vật tư nông nghiệp tăng cao trong khi giá nông sản bấp bênh",
            "việc liên kết tiêu thụ nông sản còn lỏng lẻo",
            "tình trạng tôm nuôi chết hàng loạt do thời tiết thất thường",
            "tình trạng thiếu vốn sản xuất của hộ nông dân",
            "tình trạng sản xuất nhỏ lẻ, manh mún",
            "tình trạng phân bón, thuốc bảo vệ thực vật kém chất lượng",
            "tình trạng vườn tiêu Phú Quốc bị thu hẹp",
        ),
        proposals=(
            "hỗ trợ nông dân liên kết sản xuất, tiêu thụ lúa theo chuỗi giá trị",
            "phát triển mô hình tôm - lúa bền vững ở vùng U Minh Thượng",
            "xây dựng thương hiệu khóm Tắc Cậu và hồ tiêu Phú Quốc",
            "có chính sách bảo hiểm nông nghiệp cho người trồng lúa, nuôi tôm",
            "hỗ trợ vốn vay ưu đãi cho hộ chuyển đổi cây trồng",
            "kiểm soát chặt chẽ thị trường phân bón, thuốc bảo vệ thực vật",
            "đầu tư lò sấy, kho bảo quản lúa cho nông dân",
            "phát triển hợp tác xã, tổ hợp tác sản xuất theo hướng hàng hóa",
            "khuyến khích doanh nghiệp đầu tư vào nông nghiệp công nghệ cao",
            "bình ổn giá vật tư nông nghiệp",
        ),
        remedies=(
            (
                "tình trạng nông dân bị thương lái ép giá lúa",
                "hỗ trợ nông dân liên kết với doanh nghiệp tiêu thụ lúa theo hợp đồng",
            ),
            (
                "tình trạng giá vật tư nông nghiệp tăng cao",
                "bình ổn giá phân bón, thuốc bảo vệ thực vật",
            ),
            (
                "tình trạng tôm nuôi chết hàng loạt do thời tiết thất thường",
                "hướng dẫn kỹ thuật, cảnh báo môi trường nuôi cho các hộ nuôi tôm",
            ),
            (
                "tình trạng thiếu vốn sản xuất của hộ nông dân",
                "mở rộng cho vay ưu đãi qua Ngân hàng Chính sách xã hội",
            ),
        ),
        targets=(
            "chỉ tiêu tốc độ tăng giá trị sản xuất nông, lâm, thủy sản",
            "chỉ tiêu số xã đạt chuẩn nông thôn mới nâng cao",
            "chỉ tiêu sản lượng lúa hằng năm",
        ),
        pairs=(
            ("nông dân", "nông dân, ngư dân"),
            ("mô hình tôm - lúa", "mô hình tôm - lúa bền vững"),
            ("phát triển nông nghiệp", "phát triển nông nghiệp sạch, nông nghiệp hữu cơ"),
            ("sản xuất lúa", "sản xuất lúa chất lượng cao"),
            ("xây dựng nông thôn mới", "xây dựng nông thôn mới nâng cao, kiểu mẫu"),
        ),
        places=(
            "các huyện Giồng Riềng, Gò Quao",
            "Tân Hiệp, Hòn Đất",
            "vùng U Minh Thượng",
            "An Minh, An Biên",
            "vùng tứ giác Long Xuyên",
            "huyện Châu Thành",
            "Vĩnh Thuận",
        ),
        groups=(
            "bà con nông dân",
            "nông dân trồng lúa",
            "các hộ nuôi tôm",
            "hội viên Hội Nông dân",
            "người trồng khóm",
        ),
    ),
    _Topic(
        key="kinh_te_bien",
        names=("phát triển kinh tế biển", "khai thác, nuôi trồng thủy sản", "kinh tế biển, đảo"),
        keywords=("kinh tế biển", "thủy sản", "biển bền vững"),
        achievements=(
            "phát triển đội tàu khai thác xa bờ",
            "phát triển nuôi trồng thủy sản trên biển",
            "chống khai thác hải sản bất hợp pháp (IUU)",
            "phát triển kinh tế biển gắn với bảo vệ chủ quyền",
        ),
        issues=(
            "tình trạng nguồn lợi thủy sản ven bờ ngày càng cạn kiệt",
            "tình trạng tàu cá vi phạm vùng biển nước ngoài",
            "tình trạng giã cào bay ven bờ",
            "những khó khăn của ngư dân khi giá xăng dầu tăng cao",
            "tình trạng thiếu lao động đi biển",
        ),
        proposals=(
            "hỗ trợ ngư dân chuyển đổi từ nghề khai thác ven bờ sang nghề khác",
            "đầu tư nâng cấp cảng cá, khu neo đậu tránh trú bão",
            "phát triển nuôi biển công nghệ cao ở Kiên Hải, Phú Quốc",
            "tuyên truyền để ngư dân không vi phạm vùng biển nước ngoài",
            "kiểm soát chặt tàu cá ra vào cảng để chống khai thác bất hợp pháp",
            "phát triển kinh tế biển gắn với bảo vệ chủ quyền biển, đảo",
            "hỗ trợ ngư dân vay vốn đóng mới, cải hoán tàu cá",
        ),
        remedies=(
            (
                "tình trạng nguồn lợi thủy sản ven bờ ngày càng cạn kiệt",
                "thả giống tái tạo nguồn lợi và xử lý nghiêm nghề giã cào bay",
            ),
            (
                "tình trạng tàu cá vi phạm vùng biển nước ngoài",
                "xử lý nghiêm chủ tàu vi phạm, bắt buộc lắp thiết bị giám sát hành trình",
            ),
            (
                "những khó khăn của ngư dân khi giá xăng dầu tăng cao",
                "hỗ trợ chi phí nhiên liệu cho tàu khai thác xa bờ",
            ),
        ),
        targets=(
            "chỉ tiêu sản lượng khai thác, nuôi trồng thủy sản",
            "chỉ tiêu tỷ trọng kinh tế biển trong GRDP",
        ),
        pairs=(
            ("kinh tế biển", "kinh tế biển xanh"),
            ("ngư dân", "ngư dân bám biển"),
            ("khai thác thủy sản", "khai thác và nuôi trồng thủy sản"),
        ),
        places=(
            "các xã đảo của Kiên Hải",
            "quần đảo Nam Du",
            "Hòn Sơn, Hòn Tre",
            "các xã ven biển An Minh, An Biên",
            "thành phố Rạch Giá",
            "cửa biển Tắc Cậu",
        ),
        groups=("ngư dân", "bà con ngư dân bám biển", "các chủ tàu cá", "lao động nghề biển"),
    ),
    _Topic(
        key="du_lich",
        names=("phát triển du lịch", "du lịch Phú Quốc", "phát triển du lịch, dịch vụ"),
        keywords=("du lịch", "dịch vụ"),
        achievements=(
            "phát triển du lịch Phú Quốc",
            "thu hút khách du lịch đến Hà Tiên, Kiên Hải",
            "đầu tư hạ tầng du lịch trên đảo Phú Quốc",
            "phát triển du lịch cộng đồng ở các xã đảo",
        ),
        issues=(
            "tình trạng rác thải ở các bãi biển du lịch",
            "tình trạng giá cả dịch vụ du lịch chưa được kiểm soát",
            "tình trạng xây dựng trái phép ở Phú Quốc",
            "việc người dân địa phương chưa được hưởng lợi nhiều từ du lịch",
            "tình trạng đầu cơ, thổi giá đất ở Phú Quốc",
            "tình trạng quá tải hạ tầng ở Phú Quốc vào mùa cao điểm",
        ),
        proposals=(
            "phát triển du lịch cộng đồng để người dân địa phương được hưởng lợi",
            "quy hoạch, bảo tồn cảnh quan thiên nhiên ở Hà Tiên",
            "đào tạo nghề du lịch cho thanh niên địa phương",
            "xây dựng sản phẩm du lịch gắn với văn hóa của đồng bào Khmer",
            "liên kết tuyến du lịch Rạch Giá - Hà Tiên - Phú Quốc",
            "kiểm soát chặt chẽ việc xây dựng ven biển ở Phú Quốc",
            "phát triển du lịch sinh thái ở Vườn quốc gia U Minh Thượng",
        ),
        remedies=(
            (
                "tình trạng rác thải ở các bãi biển du lịch",
                "thu gom rác thường xuyên và xử phạt nghiêm hành vi xả rác",
            ),
            (
                "việc người dân địa phương chưa được hưởng lợi nhiều từ du lịch",
                "ưu tiên tuyển dụng lao động địa phương vào các khu du lịch",
            ),
            (
                "tình trạng đầu cơ, thổi giá đất ở Phú Quốc",
                "công khai quy hoạch và kiểm soát chặt việc chuyển nhượng đất",
            ),
        ),
        targets=("chỉ tiêu lượt khách du lịch", "chỉ tiêu doanh thu du lịch"),
        pairs=(
            ("phát triển du lịch", "phát triển du lịch bền vững"),
            ("khách du lịch", "khách du lịch trong nước và quốc tế"),
            ("trung tâm du lịch", "trung tâm du lịch sinh thái biển, đảo"),
        ),
        places=("Phú Quốc", "Hà Tiên", "quần đảo Nam Du", "Hòn Sơn", "Kiên Lương", "Mũi Nai"),
        groups=(
            "người dân Phú Quốc",
            "các hộ kinh doanh du lịch",
            "thanh niên địa phương",
            "bà con các xã đảo",
        ),
    ),
    _Topic(
        key="ha_tang",
        names=("phát triển kết cấu hạ tầng", "giao thông nông thôn", "công nghiệp và hạ tầng"),
        keywords=("hạ tầng", "giao thông", "công nghiệp", "đô thị"),
        achievements=(
            "đầu tư kết cấu hạ tầng giao thông",
            "bê tông hóa đường giao thông nông thôn",
            "xây dựng các tuyến đường liên xã",
            "phát triển các khu công nghiệp",
            "xóa cầu khỉ ở nông thôn",
            "đưa điện lưới quốc gia ra các xã đảo",
        ),
        issues=(
            "tình trạng nhiều tuyến đường liên ấp xuống cấp",
            "việc các khu công nghiệp chậm lấp đầy",
            "tình trạng cầu, đường nông thôn nhỏ hẹp",
            "việc chậm tiến độ các công trình giao thông trọng điểm",
            "tình trạng ngập úng ở Rạch Giá khi triều cường",
        ),
        proposals=(
            "ưu tiên vốn nâng cấp đường giao thông nông thôn ở các xã vùng sâu",
            "đầu tư tuyến đường ven biển nối Rạch Giá với Hà Tiên",
            "làm đường, cầu nông thôn theo phương châm Nhà nước và nhân dân cùng làm",
            "kêu gọi đầu tư để lấp đầy các khu công nghiệp",
            "đầu tư hệ thống thoát nước chống ngập cho thành phố Rạch Giá",
            "sớm hoàn thành các tuyến đường tỉnh đã khởi công",
        ),
        remedies=(
            (
                "tình trạng nhiều tuyến đường liên ấp xuống cấp",
                "bố trí vốn duy tu, sửa chữa đường nông thôn hằng năm",
            ),
            (
                "tình trạng ngập úng ở Rạch Giá khi triều cường",
                "đầu tư hệ thống thoát nước và cống ngăn triều",
            ),
            (
                "việc chậm tiến độ các công trình giao thông trọng điểm",
                "công khai tiến độ công trình để nhân dân giám sát, xử lý nhà thầu thi công chậm",
            ),
        ),
        targets=(
            "chỉ tiêu tỷ lệ đường giao thông nông thôn được cứng hóa",
            "chỉ tiêu tỷ lệ đô thị hóa",
        ),
        pairs=(
            ("kết cấu hạ tầng", "kết cấu hạ tầng kinh tế - xã hội"),
            ("đường giao thông nông thôn", "đường và cầu giao thông nông thôn"),
            ("phát triển công nghiệp", "phát triển công nghiệp chế biến"),
        ),
        places=(
            "các xã vùng sâu của Gò Quao",
            "Vĩnh Thuận",
            "U Minh Thượng",
            "Giang Thành",
            "các ấp ven kênh của Hòn Đất",
            "Giồng Riềng",
        ),
        groups=("bà con vùng sâu", "học sinh phải đi học xa", "người dân các ấp ven kênh"),
    ),
    _Topic(
        key="moi_truong",
        names=("ứng phó với biến đổi khí hậu", "bảo vệ môi trường", "phòng, chống hạn mặn"),
        keywords=("môi trường", "biến đổi khí hậu", "thiên tai"),
        achievements=(
            "phòng, chống hạn hán, xâm nhập mặn mùa khô năm 2020",
            "xây dựng cống ngăn mặn, giữ ngọt",
            "trồng rừng phòng hộ ven biển",
            "cung cấp nước sạch cho người dân vùng hạn mặn",
        ),
        issues=(
            "tình trạng sạt lở bờ biển",
            "tình trạng xâm nhập mặn ngày càng sâu",
            "tình trạng thiếu nước ngọt sinh hoạt vào mùa khô",
            "tình trạng ô nhiễm môi trường do rác thải nhựa",
            "tình trạng rừng phòng hộ ven biển bị thu hẹp",
            "việc các cơ sở chế biến xả thải ra kênh rạch",
            "tình trạng sạt lở bờ sông, bờ kênh",
        ),
        proposals=(
            "đầu tư kè chống sạt lở bờ biển An Minh, An Biên",
            "xây dựng hệ thống thủy lợi kiểm soát mặn, trữ ngọt",
            "hỗ trợ bồn chứa nước cho hộ nghèo vùng hạn mặn",
            "trồng và bảo vệ rừng phòng hộ ven biển",
            "thu gom, xử lý rác thải ở nông thôn",
            "quy hoạch sản xuất thích ứng với biến đổi khí hậu",
        ),
        remedies=(
            ("tình trạng sạt lở bờ biển", "đầu tư kè chống sạt lở kết hợp trồng rừng phòng hộ"),
            (
                "tình trạng thiếu nước ngọt sinh hoạt vào mùa khô",
                "hỗ trợ bồn, lu chứa nước và mở rộng mạng lưới cấp nước sạch",
            ),
            (
                "tình trạng xâm nhập mặn ngày càng sâu",
                "hoàn thiện hệ thống cống ngăn mặn, trữ ngọt",
            ),
            (
                "tình trạng ô nhiễm môi trường do rác thải nhựa",
                "vận động nhân dân hạn chế túi ni lông, phân loại rác tại nguồn",
            ),
        ),
        targets=(
            "chỉ tiêu tỷ lệ hộ dân sử dụng nước sạch",
            "chỉ tiêu tỷ lệ thu gom, xử lý chất thải rắn",
            "chỉ tiêu tỷ lệ che phủ rừng",
        ),
        pairs=(
            ("biến đổi khí hậu", "biến đổi khí hậu, nước biển dâng"),
            ("bảo vệ môi trường", "bảo vệ môi trường sinh thái"),
            ("hạn hán, xâm nhập mặn", "hạn hán, xâm nhập mặn, sạt lở"),
        ),
        places=(
            "An Minh, An Biên",
            "bờ biển Tây",
            "Hòn Đất, Kiên Lương",
            "U Minh Thượng",
            "vùng ven biển của tỉnh",
            "Vĩnh Thuận",
            "các xã ven biển",
        ),
        groups=("bà con vùng ven biển", "người dân vùng hạn mặn", "các hộ nuôi tôm ven biển"),
    ),
    _Topic(
        key="giao_duc",
        names=("giáo dục và đào tạo", "phát triển giáo dục", "phát triển nguồn nhân lực"),
        keywords=("giáo dục", "đào tạo", "nhân lực", "khoa học"),
        achievements=(
            "xây dựng trường đạt chuẩn quốc gia",
            "kiên cố hóa trường lớp học",
            "phổ cập giáo dục",
            "nâng cao chất lượng đội ngũ giáo viên",
        ),
        issues=(
            "tình trạng học sinh bỏ học ở vùng sâu, vùng xa",
            "tình trạng thiếu giáo viên ở các điểm trường lẻ",
            "tình trạng dạy thêm, học thêm tràn lan",
            "tình trạng cơ sở vật chất trường học xuống cấp",
            "việc thu các khoản đóng góp đầu năm học",
        ),
        proposals=(
            "kiên cố hóa các điểm trường lẻ ở vùng sâu",
            "có chính sách thu hút giáo viên về công tác ở các xã đảo",
            "tăng cường dạy tiếng Khmer cho học sinh dân tộc",
            "đẩy mạnh phân luồng học sinh sau trung học cơ sở",
            "hỗ trợ học sinh nghèo, học sinh vùng sâu đến trường",
            "gắn đào tạo nghề với nhu cầu của doanh nghiệp",
        ),
        remedies=(
            (
                "tình trạng học sinh bỏ học ở vùng sâu, vùng xa",
                "hỗ trợ học bổng, xe đạp và chỗ ở bán trú cho học sinh nghèo",
            ),
            (
                "tình trạng thiếu giáo viên ở các điểm trường lẻ",
                "có phụ cấp thu hút giáo viên về công tác ở vùng khó khăn",
            ),
            ("tình trạng dạy thêm, học thêm tràn lan", "quản lý chặt chẽ việc dạy thêm, học thêm"),
        ),
        targets=(
            "chỉ tiêu tỷ lệ trường đạt chuẩn quốc gia",
            "chỉ tiêu tỷ lệ lao động qua đào tạo",
        ),
        pairs=(
            ("giáo dục và đào tạo", "giáo dục, đào tạo và giáo dục nghề nghiệp"),
            ("nguồn nhân lực", "nguồn nhân lực chất lượng cao"),
            ("học sinh", "học sinh, sinh viên"),
        ),
        places=(
            "các xã vùng sâu của Giang Thành",
            "các xã đảo",
            "vùng đồng bào Khmer ở Gò Quao, Châu Thành",
            "An Minh",
            "U Minh Thượng",
        ),
        groups=("phụ huynh học sinh", "học sinh vùng sâu", "giáo viên các điểm trường lẻ"),
    ),
    _Topic(
        key="y_te",
        names=("chăm sóc sức khỏe nhân dân", "y tế và bảo hiểm y tế", "công tác y tế"),
        keywords=("y tế", "sức khỏe"),
        achievements=(
            "thực hiện bảo hiểm y tế toàn dân",
            "nâng cấp trạm y tế xã",
            "phòng, chống dịch Covid-19",
            "khám chữa bệnh cho người nghèo",
        ),
        issues=(
            "tình trạng quá tải ở bệnh viện tuyến tỉnh",
            "tình trạng trạm y tế xã thiếu bác sĩ, thiếu thuốc",
            "việc mua bảo hiểm y tế hộ gia đình còn khó khăn",
            "tình trạng thủ tục khám chữa bệnh bảo hiểm y tế còn phiền hà",
            "tình trạng người bệnh ở xã đảo phải chuyển viện xa",
        ),
        proposals=(
            "tăng cường bác sĩ về trạm y tế xã",
            "hỗ trợ mua thẻ bảo hiểm y tế cho hộ cận nghèo",
            "đầu tư trung tâm y tế cho các huyện đảo",
            "cải cách thủ tục khám chữa bệnh bảo hiểm y tế",
            "tiếp tục phòng, chống dịch Covid-19 hiệu quả",
        ),
        remedies=(
            (
                "tình trạng trạm y tế xã thiếu bác sĩ, thiếu thuốc",
                "luân phiên bác sĩ tuyến trên về hỗ trợ trạm y tế xã",
            ),
            (
                "tình trạng quá tải ở bệnh viện tuyến tỉnh",
                "nâng cao năng lực khám chữa bệnh của trung tâm y tế tuyến huyện",
            ),
            (
                "việc mua bảo hiểm y tế hộ gia đình còn khó khăn",
                "tăng mức hỗ trợ đóng bảo hiểm y tế cho hộ cận nghèo, hộ làm nông nghiệp",
            ),
        ),
        targets=(
            "chỉ tiêu tỷ lệ dân số tham gia bảo hiểm y tế",
            "chỉ tiêu số bác sĩ trên một vạn dân",
        ),
        pairs=(
            ("bảo hiểm y tế", "bảo hiểm y tế toàn dân"),
            ("chăm sóc sức khỏe", "bảo vệ, chăm sóc và nâng cao sức khỏe"),
            ("y tế cơ sở", "y tế cơ sở, y tế dự phòng"),
        ),
        places=("Kiên Hải", "các xã đảo", "Giang Thành", "các xã vùng sâu", "Phú Quốc"),
        groups=("người nghèo", "người cao tuổi", "bà con các xã đảo", "các hộ cận nghèo"),
    ),
    _Topic(
        key="viec_lam",
        names=("giải quyết việc làm", "lao động, việc làm", "đào tạo nghề"),
        keywords=("việc làm", "lao động", "nhân lực"),
        achievements=(
            "đào tạo nghề cho lao động nông thôn",
            "giải quyết việc làm cho người lao động",
            "đưa người lao động đi làm việc có thời hạn ở nước ngoài",
        ),
        issues=(
            "tình trạng thanh niên không có việc làm ổn định",
            "tình trạng lao động trẻ bỏ quê lên Bình Dương, Thành phố Hồ Chí Minh làm công nhân",
            "việc đào tạo nghề chưa gắn với nhu cầu thực tế",
            "tình trạng thanh niên học nghề xong không tìm được việc làm",
        ),
        proposals=(
            "tạo việc làm tại chỗ cho thanh niên nông thôn",
            "hỗ trợ vốn cho thanh niên khởi nghiệp",
            "gắn đào tạo nghề với giải quyết việc làm",
            "thu hút doanh nghiệp đặt nhà máy ở nông thôn để giải quyết việc làm",
        ),
        remedies=(
            (
                "tình trạng thanh niên không có việc làm ổn định",
                "mở các lớp dạy nghề ngắn hạn gắn với giới thiệu việc làm",
            ),
            (
                "tình trạng lao động trẻ bỏ quê lên Bình Dương, Thành phố Hồ Chí Minh làm "
                "công nhân",
                "thu hút doanh nghiệp đầu tư nhà máy tại địa phương",
            ),
            (
                "tình trạng thanh niên học nghề xong không tìm được việc làm",
                "gắn đào tạo nghề với đặt hàng của doanh nghiệp",
            ),
        ),
        targets=(
            "chỉ tiêu số lao động được giải quyết việc làm hằng năm",
            "chỉ tiêu tỷ lệ lao động qua đào tạo nghề",
        ),
        pairs=(
            ("người lao động", "người lao động, nhất là lao động trẻ"),
            ("đào tạo nghề", "đào tạo nghề gắn với giải quyết việc làm"),
        ),
        places=("các xã nông thôn", "Gò Quao", "An Minh", "Vĩnh Thuận", "Giồng Riềng"),
        groups=("thanh niên nông thôn", "đoàn viên thanh niên", "người lao động", "lao động trẻ"),
    ),
    _Topic(
        key="an_sinh",
        names=("giảm nghèo bền vững", "bảo đảm an sinh xã hội", "chăm lo đời sống nhân dân"),
        keywords=("giảm nghèo", "an sinh", "đời sống"),
        achievements=(
            "giảm nghèo",
            "xây dựng nhà Đại đoàn kết cho hộ nghèo",
            "chăm lo gia đình chính sách",
            "thực hiện các chính sách an sinh xã hội",
        ),
        issues=(
            "tình trạng tái nghèo",
            "tình trạng một số hộ nghèo còn tâm lý trông chờ, ỷ lại",
            "việc bình xét hộ nghèo chưa công khai, chính xác",
            "những khó khăn của hộ cận nghèo khi không còn được hỗ trợ",
        ),
        proposals=(
            "hỗ trợ sinh kế cho hộ nghèo, hộ cận nghèo thay vì hỗ trợ tiền mặt",
            "tiếp tục vận động xây dựng nhà Đại đoàn kết",
            "tăng mức trợ cấp cho người cao tuổi, người khuyết tật",
            "công khai việc bình xét hộ nghèo ở ấp, khu phố",
        ),
        remedies=(
            ("tình trạng tái nghèo", "hỗ trợ sinh kế lâu dài thay vì hỗ trợ tiền mặt"),
            (
                "việc bình xét hộ nghèo chưa công khai, chính xác",
                "công khai danh sách bình xét hộ nghèo tại ấp, khu phố",
            ),
            (
                "tình trạng một số hộ nghèo còn tâm lý trông chờ, ỷ lại",
                "gắn việc hỗ trợ với cam kết thoát nghèo của từng hộ",
            ),
        ),
        targets=(
            "chỉ tiêu giảm tỷ lệ hộ nghèo bình quân hằng năm",
            "chỉ tiêu thu nhập bình quân đầu người",
        ),
        pairs=(
            ("giảm nghèo", "giảm nghèo bền vững"),
            ("hộ nghèo", "hộ nghèo, hộ cận nghèo"),
            ("an sinh xã hội", "an sinh xã hội, phúc lợi xã hội"),
        ),
        places=(
            "vùng đồng bào Khmer",
            "các xã vùng sâu",
            "An Minh, An Biên",
            "U Minh Thượng",
            "các ấp đặc biệt khó khăn",
        ),
        groups=("hộ nghèo", "người có công", "người cao tuổi", "các hộ cận nghèo"),
    ),
    _Topic(
        key="dan_toc",
        names=(
            "công tác dân tộc",
            "chính sách đối với đồng bào Khmer",
            "chăm lo đồng bào dân tộc thiểu số",
        ),
        keywords=("công tác dân tộc", "chính sách dân tộc"),
        achievements=(
            "chăm lo đời sống đồng bào dân tộc Khmer",
            "thực hiện chính sách đối với người có uy tín trong đồng bào dân tộc",
            "đầu tư cơ sở hạ tầng vùng đồng bào Khmer",
        ),
        issues=(
            "tình trạng thiếu đất sản xuất của một số hộ đồng bào Khmer",
            "tình trạng tỷ lệ hộ nghèo trong đồng bào Khmer còn cao",
            "tình trạng học sinh dân tộc bỏ học sớm",
            "việc đào tạo, sử dụng cán bộ người dân tộc Khmer còn hạn chế",
        ),
        proposals=(
            "có chính sách đào tạo, sử dụng cán bộ người dân tộc Khmer",
            "hỗ trợ đất sản xuất, chuyển đổi nghề cho đồng bào Khmer",
            "phát huy vai trò người có uy tín trong đồng bào dân tộc",
            "bảo tồn các lễ hội truyền thống của đồng bào Khmer như Chôl Chnăm Thmây, Ok Om Bok",
            "đầu tư trường phổ thông dân tộc nội trú",
        ),
        remedies=(
            (
                "tình trạng thiếu đất sản xuất của một số hộ đồng bào Khmer",
                "hỗ trợ chuyển đổi nghề và vay vốn cho hộ không có đất sản xuất",
            ),
            (
                "tình trạng học sinh dân tộc bỏ học sớm",
                "mở rộng trường phổ thông dân tộc nội trú, bán trú",
            ),
            (
                "việc đào tạo, sử dụng cán bộ người dân tộc Khmer còn hạn chế",
                "có quy hoạch, đào tạo và bố trí cán bộ người dân tộc Khmer",
            ),
        ),
        targets=("chỉ tiêu giảm nghèo trong đồng bào dân tộc thiểu số",),
        pairs=(
            ("đồng bào dân tộc", "đồng bào dân tộc Khmer"),
            ("người có uy tín", "người có uy tín, các vị sư sãi, Achar"),
        ),
        places=(
            "Gò Quao",
            "Châu Thành",
            "Hòn Đất",
            "Giồng Riềng",
            "các phum, sóc",
            "các ấp có đông đồng bào Khmer",
        ),
        groups=(
            "đồng bào Khmer",
            "các vị sư sãi, Achar",
            "bà con dân tộc Khmer",
            "người có uy tín trong đồng bào dân tộc",
        ),
    ),
    _Topic(
        key="ton_giao",
        names=("công tác tôn giáo", "chính sách tôn giáo", "đoàn kết đồng bào các tôn giáo"),
        keywords=("tôn giáo",),
        achievements=(
            "phát huy vai trò các tổ chức tôn giáo trong công tác an sinh xã hội",
            "giải quyết nhu cầu sinh hoạt tôn giáo chính đáng của nhân dân",
            "xây dựng khối đoàn kết lương - giáo",
        ),
        issues=(
            "tình trạng hoạt động tôn giáo trái pháp luật ở một số nơi",
            "việc lợi dụng tôn giáo để tuyên truyền mê tín dị đoan",
            "tình trạng tranh chấp đất đai liên quan đến cơ sở tôn giáo",
        ),
        proposals=(
            "phát huy vai trò chức sắc tôn giáo trong cuộc vận động xây dựng nông thôn mới",
            "giải quyết kịp thời nhu cầu chính đáng của các tổ chức tôn giáo về cơ sở thờ tự",
            "vận động đồng bào các tôn giáo sống tốt đời, đẹp đạo",
            "ngăn chặn việc lợi dụng tôn giáo gây mất an ninh trật tự",
        ),
        remedies=(
            (
                "tình trạng hoạt động tôn giáo trái pháp luật ở một số nơi",
                "phát huy vai trò chức sắc tôn giáo trong vận động tín đồ chấp hành pháp luật",
            ),
            (
                "tình trạng tranh chấp đất đai liên quan đến cơ sở tôn giáo",
                "rà soát, giải quyết dứt điểm hồ sơ đất đai của các cơ sở tôn giáo",
            ),
        ),
        targets=(),
        pairs=(
            ("các tôn giáo", "các tôn giáo, tín ngưỡng"),
            ("chức sắc tôn giáo", "chức sắc, chức việc các tôn giáo"),
        ),
        places=("Rạch Giá", "Tân Hiệp", "Châu Thành", "Hòn Đất"),
        groups=("chức sắc tôn giáo", "đồng bào các tôn giáo", "bà con theo đạo"),
    ),
    _Topic(
        key="dat_dai",
        names=("quản lý đất đai", "giải quyết khiếu nại về đất đai", "quản lý tài nguyên đất"),
        keywords=("tài nguyên", "đất đai"),
        achievements=(
            "giải quyết khiếu nại, tố cáo về đất đai",
            "cấp giấy chứng nhận quyền sử dụng đất",
            "bồi thường, giải phóng mặt bằng",
        ),
        issues=(
            "tình trạng tranh chấp, khiếu kiện đất đai kéo dài",
            "việc bồi thường giải phóng mặt bằng chưa thỏa đáng",
            "tình trạng lấn chiếm đất công, đất rừng",
            "việc cấp giấy chứng nhận quyền sử dụng đất còn chậm",
            "tình trạng phân lô, bán nền trái phép",
        ),
        proposals=(
            "giải quyết dứt điểm các vụ khiếu kiện đất đai kéo dài",
            "công khai quy hoạch, kế hoạch sử dụng đất để người dân biết",
            "đẩy nhanh cấp giấy chứng nhận quyền sử dụng đất cho người dân",
            "xử lý nghiêm cán bộ sai phạm trong quản lý đất đai",
            "đối thoại trực tiếp với người dân có khiếu nại",
        ),
        remedies=(
            (
                "tình trạng tranh chấp, khiếu kiện đất đai kéo dài",
                "tổ chức đối thoại và giải quyết dứt điểm từng vụ việc",
            ),
            (
                "việc bồi thường giải phóng mặt bằng chưa thỏa đáng",
                "áp giá bồi thường sát với giá thị trường",
            ),
            (
                "việc cấp giấy chứng nhận quyền sử dụng đất còn chậm",
                "đo đạc, cấp giấy chứng nhận quyền sử dụng đất cho người dân sớm hơn",
            ),
        ),
        targets=(),
        pairs=(
            ("khiếu nại, tố cáo", "khiếu nại, tố cáo, nhất là về đất đai"),
            ("quản lý đất đai", "quản lý nhà nước về đất đai"),
        ),
        places=("Phú Quốc", "Rạch Giá", "Kiên Lương", "khu lấn biển Rạch Giá", "Hòn Đất"),
        groups=(
            "người dân có đất bị thu hồi",
            "các hộ bị ảnh hưởng bởi dự án",
            "bà con trong ấp",
        ),
    ),
    _Topic(
        key="quoc_phong",
        names=(
            "quốc phòng, an ninh",
            "giữ gìn an ninh trật tự",
            "bảo vệ chủ quyền biển, đảo và biên giới",
        ),
        keywords=("quốc phòng", "an ninh"),
        achievements=(
            "giữ vững an ninh chính trị, trật tự an toàn xã hội",
            "xây dựng khu vực phòng thủ vững chắc",
            "phong trào toàn dân bảo vệ an ninh Tổ quốc",
            "bảo vệ chủ quyền biển, đảo và an ninh biên giới",
        ),
        issues=(
            "tình trạng tội phạm ma túy len lỏi về nông thôn",
            "tình trạng cờ bạc, số đề, cho vay nặng lãi",
            "tình trạng xuất nhập cảnh trái phép qua biên giới Hà Tiên, Giang Thành",
            "tình trạng buôn lậu qua tuyến biên giới",
            "tình trạng thanh thiếu niên tụ tập đua xe, đánh nhau",
        ),
        proposals=(
            "đấu tranh quyết liệt với tội phạm ma túy, tín dụng đen",
            "phát huy vai trò tổ an ninh tự quản ở khu dân cư",
            "tăng cường tuần tra, kiểm soát tuyến biên giới Hà Tiên, Giang Thành",
            "xây dựng lực lượng dân quân tự vệ biển vững mạnh",
            "nâng cao chất lượng phong trào toàn dân bảo vệ an ninh Tổ quốc",
        ),
        remedies=(
            (
                "tình trạng tội phạm ma túy len lỏi về nông thôn",
                "phát huy tổ an ninh tự quản và xử lý nghiêm các điểm bán lẻ ma túy",
            ),
            (
                "tình trạng cờ bạc, số đề, cho vay nặng lãi",
                "đấu tranh triệt phá các đường dây tín dụng đen",
            ),
            (
                "tình trạng xuất nhập cảnh trái phép qua biên giới Hà Tiên, Giang Thành",
                "tăng cường tuần tra, kiểm soát các đường mòn, lối mở",
            ),
        ),
        targets=("chỉ tiêu kéo giảm tội phạm hình sự",),
        pairs=(
            ("an ninh trật tự", "an ninh chính trị, trật tự an toàn xã hội"),
            ("biên giới", "biên giới đất liền và vùng biển"),
        ),
        places=("Hà Tiên", "Giang Thành", "khu vực biên giới", "các xã ven biển", "Rạch Giá"),
        groups=("bà con khu vực biên giới", "cựu chiến binh", "lực lượng dân quân"),
    ),
    _Topic(
        key="xay_dung_dang",
        names=("công tác xây dựng Đảng", "xây dựng, chỉnh đốn Đảng", "công tác cán bộ"),
        keywords=(
            "xây dựng đảng",
            "đảng viên",
            "cán bộ",
            "chỉnh đốn",
            "chi bộ",
            "điều lệ",
            "tư tưởng",
            "phương thức lãnh đạo",
            "nguyên tắc tổ chức",
        ),
        achievements=(
            "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
            "nâng cao chất lượng sinh hoạt chi bộ",
            "phát triển đảng viên mới",
            "sắp xếp tổ chức bộ máy tinh gọn",
            "ngăn chặn suy thoái, “tự diễn biến”, “tự chuyển hóa” trong nội bộ",
        ),
        issues=(
            "tình trạng suy thoái về tư tưởng chính trị, đạo đức, lối sống của một bộ phận cán "
            "bộ, đảng viên",
            "những biểu hiện “tự diễn biến”, “tự chuyển hóa” trong nội bộ",
            "tình trạng sinh hoạt chi bộ còn hình thức",
            "việc phát triển đảng viên ở ấp, khu phố còn khó khăn",
            "tình trạng chạy chức, chạy quyền",
            "tình trạng một số cán bộ, đảng viên thiếu gương mẫu",
        ),
        proposals=(
            "nêu cao trách nhiệm nêu gương của người đứng đầu",
            "xử lý nghiêm cán bộ, đảng viên suy thoái, “tự diễn biến”, “tự chuyển hóa”",
            "nâng cao chất lượng sinh hoạt chi bộ ấp, khu phố",
            "quy định cụ thể việc lấy ý kiến nhân dân đối với cán bộ, đảng viên",
            "chú trọng phát triển đảng viên là đoàn viên thanh niên, người dân tộc, người có đạo",
            "đổi mới công tác đánh giá cán bộ, lấy hiệu quả công việc làm thước đo",
            "kiểm soát quyền lực trong công tác cán bộ, chống chạy chức, chạy quyền",
        ),
        remedies=(
            (
                "tình trạng sinh hoạt chi bộ còn hình thức",
                "đổi mới nội dung sinh hoạt chi bộ, gắn với những việc cụ thể ở ấp, khu phố",
            ),
            (
                "những biểu hiện “tự diễn biến”, “tự chuyển hóa” trong nội bộ",
                "xử lý kịp thời, nghiêm minh cán bộ, đảng viên có biểu hiện suy thoái",
            ),
            (
                "tình trạng chạy chức, chạy quyền",
                "kiểm soát chặt chẽ quyền lực trong công tác cán bộ",
            ),
            (
                "việc phát triển đảng viên ở ấp, khu phố còn khó khăn",
                "tạo nguồn kết nạp đảng viên từ đoàn viên thanh niên, hội viên các đoàn thể",
            ),
        ),
        targets=(
            "chỉ tiêu tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ",
            "chỉ tiêu số đảng viên kết nạp mới hằng năm",
        ),
        pairs=(
            (
                "suy thoái về tư tưởng chính trị",
                "suy thoái về tư tưởng chính trị, đạo đức, lối sống",
            ),
            ("cán bộ, đảng viên", "cán bộ, đảng viên, nhất là người đứng đầu"),
            ("trong sạch, vững mạnh", "trong sạch, vững mạnh toàn diện"),
            (
                "nâng cao năng lực lãnh đạo",
                "nâng cao năng lực lãnh đạo, cầm quyền và sức chiến đấu",
            ),
        ),
        places=("các chi bộ ấp, khu phố", "cơ sở", "các xã vùng sâu"),
        groups=("đảng viên", "cán bộ, đảng viên", "các đảng viên lớn tuổi", "quần chúng nhân dân"),
    ),
    _Topic(
        key="tham_nhung",
        names=("phòng, chống tham nhũng, lãng phí", "đấu tranh chống tham nhũng, tiêu cực"),
        keywords=("tham nhũng", "kiểm tra", "giám sát", "kiểm soát quyền lực"),
        achievements=(
            "phòng, chống tham nhũng, lãng phí",
            "kiểm tra, giám sát và xử lý kỷ luật đảng viên vi phạm",
            "thu hồi tài sản tham nhũng",
        ),
        issues=(
            "tình trạng nhũng nhiễu, gây phiền hà cho người dân",
            "tình trạng tham nhũng vặt ở cơ sở",
            "việc thu hồi tài sản tham nhũng còn thấp",
            "tình trạng lãng phí trong đầu tư công",
            "việc kê khai tài sản còn hình thức",
        ),
        proposals=(
            "xử lý nghiêm, không có vùng cấm đối với cán bộ tham nhũng",
            "công khai kết quả xử lý các vụ việc tham nhũng để nhân dân biết",
            "phát huy vai trò giám sát của Mặt trận và nhân dân trong phòng, chống tham nhũng",
            "kiểm soát chặt chẽ việc kê khai tài sản, thu nhập của cán bộ",
            "bảo vệ người tố cáo tham nhũng",
        ),
        remedies=(
            (
                "tình trạng nhũng nhiễu, gây phiền hà cho người dân",
                "công khai đường dây nóng để người dân phản ánh",
            ),
            (
                "việc thu hồi tài sản tham nhũng còn thấp",
                "có biện pháp mạnh để thu hồi tài sản tham nhũng",
            ),
            (
                "việc kê khai tài sản còn hình thức",
                "kiểm tra, xác minh việc kê khai tài sản, thu nhập của cán bộ",
            ),
        ),
        targets=(),
        pairs=(
            ("tham nhũng, lãng phí", "tham nhũng, lãng phí, tiêu cực"),
            ("không có vùng cấm", "không có vùng cấm, không có ngoại lệ"),
        ),
        places=("cơ sở", "các cơ quan hành chính", "các dự án đầu tư công"),
        groups=("nhân dân", "cử tri", "cựu chiến binh", "bà con trong khu phố"),
    ),
    _Topic(
        key="mat_tran",
        names=(
            "phát huy dân chủ ở cơ sở",
            "vai trò của Mặt trận Tổ quốc",
            "khối đại đoàn kết toàn dân tộc",
            "công tác dân vận",
        ),
        keywords=("mặt trận", "dân chủ", "dân vận", "đoàn kết", "đoàn thể", "với nhân dân"),
        achievements=(
            "cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”",
            "thực hiện Quy chế dân chủ ở cơ sở",
            "giám sát, phản biện xã hội của Mặt trận",
            "phong trào thi đua “Dân vận khéo”",
        ),
        issues=(
            "việc thực hiện dân chủ ở cơ sở còn hình thức",
            "tình trạng hoạt động giám sát của Mặt trận chưa thực chất",
            "việc trả lời kiến nghị của cử tri còn chậm",
            "tình trạng người dân ít tham gia sinh hoạt ở khu dân cư",
        ),
        proposals=(
            "phát huy vai trò của Ban Công tác Mặt trận ở khu dân cư",
            "thực hiện tốt phương châm “dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, "
            "dân thụ hưởng”",
            "tăng cường đối thoại giữa người đứng đầu cấp ủy, chính quyền với nhân dân",
            "bố trí kinh phí hoạt động cho Ban Công tác Mặt trận và Ban Thanh tra nhân dân",
            "nâng cao chất lượng giám sát, phản biện xã hội của Mặt trận",
        ),
        remedies=(
            (
                "việc thực hiện dân chủ ở cơ sở còn hình thức",
                "công khai các khoản đóng góp và công trình ở ấp để nhân dân giám sát",
            ),
            (
                "việc trả lời kiến nghị của cử tri còn chậm",
                "quy định thời hạn trả lời kiến nghị của cử tri",
            ),
            (
                "tình trạng người dân ít tham gia sinh hoạt ở khu dân cư",
                "đổi mới hình thức họp dân ở khu dân cư cho thiết thực",
            ),
        ),
        targets=(),
        pairs=(
            (
                "dân biết, dân bàn, dân làm, dân kiểm tra",
                "dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng",
            ),
            (
                "Mặt trận Tổ quốc và các đoàn thể",
                "Mặt trận Tổ quốc và các tổ chức chính trị - xã hội",
            ),
            ("đại đoàn kết", "đại đoàn kết toàn dân tộc"),
        ),
        places=("khu dân cư", "các ấp, khu phố", "cơ sở"),
        groups=(
            "Ban Công tác Mặt trận",
            "cán bộ Mặt trận cơ sở",
            "bà con khu dân cư",
            "các tổ chức thành viên",
        ),
    ),
    _Topic(
        key="cai_cach",
        names=("cải cách hành chính", "xây dựng chính quyền", "quản lý nhà nước"),
        keywords=("hành chính", "chính quyền", "nhà nước", "thể chế"),
        achievements=(
            "cải cách thủ tục hành chính",
            "thực hiện cơ chế một cửa, một cửa liên thông",
            "sắp xếp tinh gọn bộ máy, tinh giản biên chế",
        ),
        issues=(
            "tình trạng thủ tục hành chính còn rườm rà",
            "việc giải quyết hồ sơ còn trễ hẹn",
            "tình trạng một số cán bộ một cửa thiếu tận tình với người dân",
            "việc người dân phải đi lại nhiều lần để làm giấy tờ",
        ),
        proposals=(
            "đơn giản hóa thủ tục hành chính, nhất là thủ tục về đất đai",
            "công khai thời gian giải quyết hồ sơ tại bộ phận một cửa",
            "xin lỗi người dân khi giải quyết hồ sơ trễ hẹn",
            "nâng cao tinh thần phục vụ nhân dân của cán bộ, công chức",
        ),
        remedies=(
            (
                "việc giải quyết hồ sơ còn trễ hẹn",
                "xử lý trách nhiệm cán bộ để hồ sơ của người dân trễ hẹn",
            ),
            (
                "tình trạng thủ tục hành chính còn rườm rà",
                "rà soát, cắt giảm các thủ tục không cần thiết",
            ),
            (
                "việc người dân phải đi lại nhiều lần để làm giấy tờ",
                "hướng dẫn hồ sơ một lần và trả kết quả qua bưu điện",
            ),
        ),
        targets=(
            "chỉ tiêu tỷ lệ hồ sơ được giải quyết đúng hạn",
            "chỉ tiêu về mức độ hài lòng của người dân đối với cơ quan hành chính",
        ),
        pairs=(
            ("cải cách hành chính", "cải cách hành chính, trọng tâm là thủ tục hành chính"),
            ("cán bộ, công chức", "cán bộ, công chức, viên chức"),
        ),
        places=("bộ phận một cửa cấp xã", "cấp xã", "các cơ quan hành chính"),
        groups=("người dân", "doanh nghiệp", "bà con đi làm thủ tục"),
    ),
    _Topic(
        key="chuyen_doi_so",
        names=("chuyển đổi số", "ứng dụng công nghệ thông tin", "xây dựng chính quyền điện tử"),
        keywords=("chuyển đổi số", "kinh tế số", "hạ tầng số", "công nghệ", "đổi mới sáng tạo"),
        achievements=(
            "ứng dụng công nghệ thông tin trong cơ quan nhà nước",
            "triển khai dịch vụ công trực tuyến",
            "xây dựng chính quyền điện tử",
        ),
        issues=(
            "việc người dân, nhất là người lớn tuổi, còn khó sử dụng dịch vụ công trực tuyến",
            "tình trạng sóng điện thoại, internet ở vùng sâu, xã đảo còn yếu",
            "tình trạng lừa đảo qua mạng",
            "việc dữ liệu giữa các ngành chưa được kết nối",
        ),
        proposals=(
            "hướng dẫn người dân sử dụng dịch vụ công trực tuyến",
            "phủ sóng internet đến các ấp vùng sâu, xã đảo",
            "đào tạo kỹ năng số cho cán bộ cấp xã",
            "ứng dụng công nghệ số trong quảng bá, tiêu thụ nông sản",
            "xây dựng cơ sở dữ liệu dân cư dùng chung",
        ),
        remedies=(
            (
                "việc người dân, nhất là người lớn tuổi, còn khó sử dụng dịch vụ công trực tuyến",
                "lập tổ công nghệ số cộng đồng hướng dẫn người dân tại ấp",
            ),
            (
                "tình trạng sóng điện thoại, internet ở vùng sâu, xã đảo còn yếu",
                "đầu tư trạm phát sóng cho vùng sâu, xã đảo",
            ),
            (
                "tình trạng lừa đảo qua mạng",
                "tuyên truyền cho người dân cách phòng tránh lừa đảo qua mạng",
            ),
        ),
        targets=("chỉ tiêu tỷ lệ dịch vụ công trực tuyến mức độ 3, 4",),
        pairs=(
            ("chuyển đổi số", "chuyển đổi số, xây dựng chính quyền số"),
            ("công nghệ thông tin", "công nghệ thông tin và chuyển đổi số"),
        ),
        places=("các xã đảo", "vùng sâu", "cấp xã", "nông thôn"),
        groups=("người lớn tuổi", "thanh niên", "cán bộ cấp xã", "các hộ kinh doanh"),
    ),
    _Topic(
        key="van_hoa",
        names=("xây dựng đời sống văn hóa", "phát triển văn hóa, con người", "văn hóa, thể thao"),
        keywords=("văn hóa", "con người", "thể thao"),
        achievements=(
            "phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”",
            "xây dựng ấp, khu phố văn hóa",
            "bảo tồn di tích lịch sử, văn hóa",
            "xây dựng thiết chế văn hóa ở cơ sở",
        ),
        issues=(
            "tình trạng bình xét gia đình văn hóa còn chạy theo số lượng",
            "tình trạng tệ nạn xã hội trong thanh thiếu niên",
            "việc nhà văn hóa ấp xây xong nhưng ít sử dụng",
            "tình trạng bạo lực gia đình",
            "tình trạng xuống cấp đạo đức trong một bộ phận giới trẻ",
        ),
        proposals=(
            "đầu tư nhà văn hóa, sân chơi cho thanh thiếu nhi ở ấp",
            "nâng cao chất lượng danh hiệu gia đình văn hóa, ấp văn hóa",
            "bảo tồn, phát huy giá trị di tích đền thờ Anh hùng dân tộc Nguyễn Trung Trực",
            "xây dựng gia đình no ấm, tiến bộ, hạnh phúc",
            "giáo dục truyền thống, đạo đức, lối sống cho thế hệ trẻ",
        ),
        remedies=(
            (
                "tình trạng bình xét gia đình văn hóa còn chạy theo số lượng",
                "bình xét danh hiệu gia đình văn hóa thực chất, công khai",
            ),
            (
                "tình trạng tệ nạn xã hội trong thanh thiếu niên",
                "đầu tư sân chơi, tổ chức hoạt động văn hóa, thể thao cho thanh thiếu niên",
            ),
            (
                "việc nhà văn hóa ấp xây xong nhưng ít sử dụng",
                "bố trí kinh phí hoạt động thường xuyên cho nhà văn hóa ấp",
            ),
        ),
        targets=("chỉ tiêu tỷ lệ gia đình đạt chuẩn văn hóa",),
        pairs=(
            ("đời sống văn hóa", "đời sống văn hóa ở khu dân cư"),
            ("văn hóa, xã hội", "văn hóa, xã hội, con người"),
        ),
        places=("các ấp, khu phố", "khu dân cư", "Rạch Giá", "nông thôn"),
        groups=("thanh thiếu niên", "các gia đình", "hội viên phụ nữ", "người cao tuổi"),
    ),
    _Topic(
        key="kinh_te",
        names=(
            "phát triển kinh tế",
            "đổi mới mô hình tăng trưởng",
            "thu hút đầu tư",
            "phát triển kinh tế tư nhân",
        ),
        keywords=("kinh tế", "tăng trưởng", "đầu tư", "doanh nghiệp", "thương mại"),
        achievements=(
            "tăng trưởng kinh tế",
            "chuyển dịch cơ cấu kinh tế",
            "cải thiện môi trường đầu tư kinh doanh",
            "phát triển kinh tế tư nhân",
        ),
        issues=(
            "tình trạng doanh nghiệp nhỏ và vừa khó tiếp cận vốn",
            "việc thu hút đầu tư chưa tương xứng với tiềm năng",
            "tình trạng tăng trưởng kinh tế chưa bền vững",
            "việc giải ngân vốn đầu tư công còn chậm",
            "tác động của dịch Covid-19 đến sản xuất, kinh doanh",
        ),
        proposals=(
            "hỗ trợ doanh nghiệp nhỏ và vừa tiếp cận vốn vay",
            "cải thiện môi trường đầu tư, kinh doanh",
            "khuyến khích hộ kinh doanh chuyển thành doanh nghiệp",
            "hỗ trợ doanh nghiệp, người lao động vượt qua khó khăn do dịch Covid-19",
            "phát triển kinh tế tập thể, hợp tác xã",
        ),
        remedies=(
            (
                "tình trạng doanh nghiệp nhỏ và vừa khó tiếp cận vốn",
                "đơn giản hóa thủ tục vay vốn cho doanh nghiệp nhỏ và vừa",
            ),
            (
                "việc giải ngân vốn đầu tư công còn chậm",
                "xử lý trách nhiệm người đứng đầu nơi giải ngân chậm",
            ),
            (
                "tác động của dịch Covid-19 đến sản xuất, kinh doanh",
                "hỗ trợ doanh nghiệp, hộ kinh doanh phục hồi sản xuất sau dịch",
            ),
        ),
        targets=(
            "chỉ tiêu tốc độ tăng trưởng kinh tế bình quân",
            "chỉ tiêu GRDP bình quân đầu người",
            "chỉ tiêu tổng vốn đầu tư toàn xã hội",
        ),
        pairs=(
            ("phát triển nhanh và bền vững", "phát triển nhanh, bền vững"),
            ("tăng trưởng kinh tế", "tăng trưởng kinh tế nhanh và bền vững"),
            ("kinh tế tư nhân", "kinh tế tư nhân thật sự là một động lực quan trọng"),
        ),
        places=("Rạch Giá", "Phú Quốc", "các khu công nghiệp", "Kiên Lương"),
        groups=("doanh nghiệp", "các hộ kinh doanh", "người lao động", "tiểu thương"),
    ),
    _Topic(
        key="doi_ngoai",
        names=("công tác đối ngoại", "hội nhập quốc tế", "bảo vệ chủ quyền biển, đảo"),
        keywords=("đối ngoại", "hội nhập"),
        achievements=(
            "hội nhập quốc tế",
            "hợp tác với các tỉnh giáp biên của Vương quốc Campuchia",
            "giữ vững môi trường hòa bình, ổn định",
        ),
        issues=(
            "những diễn biến phức tạp trên Biển Đông",
            "tác động của cạnh tranh chiến lược giữa các nước lớn",
            "việc doanh nghiệp chưa tận dụng tốt các hiệp định thương mại tự do",
        ),
        proposals=(
            "kiên quyết, kiên trì bảo vệ chủ quyền biển, đảo",
            "tăng cường hợp tác với các tỉnh giáp biên của Campuchia",
            "hỗ trợ doanh nghiệp tận dụng các hiệp định thương mại tự do",
            "tăng cường thông tin đối ngoại để nhân dân hiểu rõ chủ trương của Đảng",
        ),
        remedies=(
            (
                "những diễn biến phức tạp trên Biển Đông",
                "bảo vệ ngư dân khai thác hợp pháp trên các vùng biển của Tổ quốc",
            ),
            (
                "việc doanh nghiệp chưa tận dụng tốt các hiệp định thương mại tự do",
                "thông tin, hướng dẫn doanh nghiệp về các hiệp định thương mại tự do",
            ),
        ),
        targets=(),
        pairs=(
            ("hội nhập quốc tế", "hội nhập quốc tế sâu rộng"),
            ("độc lập, tự chủ", "độc lập, tự chủ, hòa bình, hữu nghị"),
        ),
        places=("vùng biên giới Hà Tiên", "Phú Quốc", "các xã đảo"),
        groups=("ngư dân", "các doanh nghiệp xuất khẩu", "nhân dân"),
    ),
    _Topic(
        key="chung",
        names=("bối cảnh và dự báo tình hình", "quan điểm chỉ đạo", "bài học kinh nghiệm"),
        keywords=(
            "bối cảnh",
            "dự báo",
            "quan điểm",
            "bài học",
            "mục tiêu",
            "tổ chức thực hiện",
            "đánh giá chung",
            "kết quả",
            "hạn chế",
            "nhiệm vụ trọng tâm",
            "đột phá",
            "chỉ tiêu",
        ),
        achievements=(
            "thực hiện đạt và vượt phần lớn các chỉ tiêu",
            "giữ vững ổn định chính trị, phát triển kinh tế - xã hội",
            "vừa phòng, chống dịch Covid-19 vừa phát triển kinh tế - xã hội",
            "xây dựng hệ thống chính trị vững mạnh",
            "huy động các nguồn lực cho phát triển",
        ),
        issues=(
            "nguyên nhân chủ quan của những hạn chế",
            "trách nhiệm của người đứng đầu đối với các chỉ tiêu không đạt",
            "tác động của dịch Covid-19",
            "những chỉ tiêu chưa đạt trong nhiệm kỳ",
        ),
        proposals=(
            "nêu rõ trách nhiệm của tập thể, cá nhân đối với các chỉ tiêu không đạt",
            "phân công cụ thể cơ quan chủ trì thực hiện từng nhiệm vụ",
            "kiểm tra, đánh giá định kỳ việc thực hiện Nghị quyết",
            "gắn bài học kinh nghiệm với thực tiễn của địa phương",
            "xây dựng chương trình hành động thực hiện Nghị quyết ngay sau Đại hội",
            "phát huy sức mạnh khối đại đoàn kết toàn dân tộc",
        ),
        remedies=(
            (
                "những chỉ tiêu chưa đạt trong nhiệm kỳ",
                "phân tích rõ nguyên nhân và có giải pháp cụ thể cho từng chỉ tiêu",
            ),
            (
                "trách nhiệm của người đứng đầu đối với các chỉ tiêu không đạt",
                "quy định cụ thể trách nhiệm giải trình của người đứng đầu",
            ),
            ("tác động của dịch Covid-19", "xây dựng kịch bản phục hồi kinh tế sau dịch"),
        ),
        targets=("mục tiêu tổng quát", "các chỉ tiêu chủ yếu"),
        pairs=(
            ("cơ bản hoàn thành", "hoàn thành"),
            ("tương đối toàn diện", "toàn diện"),
            ("phát triển khá", "phát triển khá của vùng Đồng bằng sông Cửu Long"),
            ("đạt và vượt", "đạt và vượt phần lớn"),
            ("thời cơ và thách thức", "thời cơ, thuận lợi và khó khăn, thách thức"),
        ),
        places=("cơ sở", "các địa phương", "các huyện, thành phố"),
        groups=("nhân dân", "bà con trong ấp", "cán bộ, đảng viên"),
    ),
)
_TOPIC_BY_KEY = {topic.key: topic for topic in TOPICS}

# Places usable for any topic, after "ở" / "tại".
PLACES: tuple[str, ...] = (
    "An Minh, An Biên",
    "các xã vùng sâu, vùng xa",
    "các xã đảo",
    "huyện Giồng Riềng",
    "huyện Gò Quao",
    "Hòn Đất",
    "Kiên Lương",
    "Vĩnh Thuận",
    "U Minh Thượng",
    "Giang Thành",
    "Tân Hiệp",
    "Châu Thành",
    "Phú Quốc",
    "Hà Tiên",
    "Rạch Giá",
    "địa phương",
)

# "vì …": why an indicator or a direction is not agreed with.
REASONS: tuple[str, ...] = (
    "thực tế ở cơ sở còn nhiều khó khăn",
    "nguồn lực đầu tư còn hạn chế",
    "nhiệm kỳ qua chỉ tiêu này vẫn chưa đạt",
    "dịch Covid-19 còn diễn biến phức tạp",
    "hạn mặn, biến đổi khí hậu ảnh hưởng nặng nề đến sản xuất",
    "mức đặt ra quá cao so với khả năng thực hiện",
    "mức đặt ra còn thấp, chưa tương xứng với tiềm năng",
    "chưa có giải pháp cụ thể để thực hiện",
)
# "vì …", "thực tế …": why an assessment of results is not agreed with.
REASONS_EVAL: tuple[str, ...] = (
    "ở cơ sở chuyển biến chưa rõ",
    "người dân chưa cảm nhận được sự thay đổi",
    "vẫn còn nhiều nơi chưa làm được",
    "kết quả chủ yếu ở các địa bàn thuận lợi",
    "số liệu báo cáo chưa phản ánh đúng thực chất",
)
# Requests about the commune, often voiced at an area meeting whatever the agenda.
LOCAL_REQUESTS: tuple[str, ...] = (
    "sửa chữa tuyến đường liên ấp bị sạt lở",
    "nạo vét kênh thủy lợi nội đồng",
    "lắp đèn chiếu sáng trên tuyến đường nông thôn",
    "kéo điện về cho các hộ ở ven kênh",
    "xây cầu bê tông thay cho cầu khỉ",
    "kéo đường ống nước sạch về cho các hộ vùng sâu",
    "bố trí điểm thu gom rác",
    "xây dựng nhà văn hóa ấp",
    "nâng cấp trạm y tế xã",
    "sửa chữa các phòng học bị xuống cấp",
)
LOCAL_ISSUES: tuple[str, ...] = (
    "cấp giấy chứng nhận quyền sử dụng đất",
    "chi trả tiền bồi thường giải phóng mặt bằng",
    "chi trả tiền hỗ trợ thiệt hại do hạn mặn",
    "giải quyết đơn tranh chấp ranh đất",
    "xét duyệt hộ nghèo, hộ cận nghèo",
    "cấp thẻ bảo hiểm y tế cho người cao tuổi",
)
LOCAL_PLACES: tuple[str, ...] = (
    "địa bàn ấp",
    "khu phố",
    "các ấp ven kênh",
    "ấp giáp ranh",
    "các ấp vùng sâu của xã",
    "tổ tự quản số 3",
    "khu dân cư",
)


@dataclass(frozen=True)
class _Family:
    """Templates that say the same thing in different words; the slots they share."""

    stance: str
    weight: float
    variants: tuple[str, ...]
    focus: str = ""  # "target", "issue" or "review": favoured in sections about that
    excluded: tuple[str, ...] = ()  # topics it reads wrong with


FAMILIES: tuple[_Family, ...] = (
    # --- agree -------------------------------------------------------------------------------
    _Family(
        "agree",
        3,
        (
            "Thống nhất cao với dự thảo, nhất là phần đánh giá kết quả {ach}.",
            "Tán thành nội dung đánh giá kết quả {ach} như dự thảo đã nêu.",
            "Đồng tình với đánh giá về kết quả {ach}; đây là kết quả nổi bật thời gian qua.",
            "Nhất trí với dự thảo về kết quả {ach}, đánh giá như vậy là sát với thực tế.",
        ),
        "review",
    ),
    _Family(
        "agree",
        2,
        (
            "Đồng ý với đánh giá kết quả {ach}; ở {place} người dân thấy rõ sự thay đổi.",
            "Tán thành phần đánh giá về {ach}, thực tế ở {place} đã có nhiều chuyển biến.",
            "Thống nhất với dự thảo; kết quả {ach} là có thật, bà con ở {place} rất phấn khởi.",
        ),
        "review",
    ),
    _Family(
        "agree",
        3,
        (
            "Thống nhất cao với nội dung về {topic} trong dự thảo.",
            "Nhất trí với các nội dung về {topic}, dự thảo viết ngắn gọn, rõ ràng.",
            "Hoàn toàn đồng ý với phần {topic}, không có ý kiến bổ sung.",
            "Tán thành nội dung {topic} như dự thảo, đề nghị giữ nguyên.",
        ),
    ),
    _Family(
        "agree",
        2,
        (
            "Đồng tình với chủ trương {prop}; đây là nguyện vọng chính đáng của nhân dân.",
            "Rất tán thành định hướng {prop} mà dự thảo đã nêu.",
            "Thống nhất với giải pháp {prop}, đề nghị sớm cụ thể hóa bằng chương trình, kế hoạch.",
        ),
    ),
    _Family(
        "agree",
        1,
        (
            "Thống nhất với {target} như dự thảo, đặt ra như vậy là phù hợp với thực tế.",
            "Đồng ý với {target} nêu trong dự thảo; tuy khó nhưng có thể phấn đấu đạt được.",
            "Nhất trí {target}, dự thảo đặt ra sát thực tế, có tính khả thi.",
        ),
        "target",
    ),
    _Family(
        "agree",
        1,
        (
            "Thống nhất với nhận định về {issue}; dự thảo đã nói thẳng, nói đúng hạn chế.",
            "Đồng tình với dự thảo khi chỉ ra {issue}, đây đúng là vấn đề bức xúc của {group}.",
        ),
        "issue",
    ),
    # --- amend -------------------------------------------------------------------------------
    _Family(
        "amend",
        3,
        (
            "Đề nghị sửa cụm từ “{old}” thành “{new}” cho phù hợp.",
            "Nên thay cụm từ “{old}” bằng “{new}”.",
            "Đề nghị chỉnh “{old}” thành “{new}” để rõ nghĩa hơn.",
            "Trang {page}, dòng {line}: đề nghị sửa “{old}” thành “{new}”.",
        ),
    ),
    _Family(
        "amend",
        2,
        (
            "Nên viết lại {target} cho cụ thể hơn, có lộ trình và địa chỉ thực hiện rõ ràng.",
            "Đề nghị điều chỉnh {target} cho sát với thực tế của địa phương.",
            "{target} nên diễn đạt lại, vì như dự thảo thì khó đo lường, khó đánh giá.",
            "Đề nghị xem xét lại {target}, nên đặt mức phấn đấu cao hơn.",
        ),
        "target",
    ),
    _Family(
        "amend",
        3,
        (
            "Phần đánh giá về {topic} còn chung chung, đề nghị nêu rõ hơn {issue}.",
            "Nội dung {topic} viết còn dài nhưng chưa nêu bật được {issue}; đề nghị viết lại.",
            "Đề nghị viết lại đoạn nói về {topic}, chỉ rõ nguyên nhân của {issue}.",
            "Phần hạn chế cần nói thẳng hơn về {issue}, không nên viết né tránh.",
        ),
        "issue",
    ),
    _Family(
        "amend",
        2,
        (
            "Đề nghị sắp xếp lại nội dung {topic} cho logic hơn, tránh trùng lặp với phần trước.",
            "Nên đưa nội dung {topic} lên trước, vì đây là vấn đề người dân quan tâm nhiều nhất.",
            "Phần {topic} nên viết ngắn gọn, dễ hiểu hơn để người dân dễ nắm, dễ nhớ.",
        ),
    ),
    _Family(
        "amend",
        2,
        (
            "Giải pháp {prop} nên viết cụ thể hơn, nói rõ cơ quan nào chủ trì, nguồn lực ở đâu.",
            "Đề nghị diễn đạt lại ý {prop} cho rõ hơn, tránh chung chung.",
            "Nội dung {prop} nên đưa lên thành nhiệm vụ trọng tâm, không để lẫn trong giải pháp "
            "chung.",
        ),
    ),
    _Family(
        "amend",
        1,
        (
            "Đề nghị đánh giá lại kết quả {ach} cho khách quan, có so sánh với nhiệm kỳ trước.",
            "Kết quả {ach} nên nêu cụ thể hơn, có số liệu so sánh để thấy rõ chuyển biến.",
        ),
        "review",
    ),
    # --- add ---------------------------------------------------------------------------------
    _Family(
        "add",
        4,
        (
            "Đề nghị bổ sung giải pháp {prop}.",
            "Cần bổ sung vào phần nhiệm vụ, giải pháp nội dung {prop}.",
            "Dự thảo nên bổ sung thêm giải pháp {prop}.",
            "Đề nghị bổ sung: {prop}.",
            "Kiến nghị bổ sung nhiệm vụ {prop}.",
            "Đề nghị {auth} quan tâm {prop}, đưa nội dung này vào dự thảo.",
        ),
    ),
    _Family(
        "add",
        3,
        (
            "Đề nghị bổ sung giải pháp {prop}, vì đây là mong mỏi của {group}.",
            "Cần có giải pháp {prop}; đây là mong mỏi lâu nay của {group}.",
            "{group} mong muốn dự thảo bổ sung nội dung {prop}.",
            "Qua ý kiến của {group}, đề nghị bổ sung giải pháp {prop}.",
        ),
    ),
    _Family(
        "add",
        3,
        (
            "Cần bổ sung đánh giá về {issue} ở {place}.",
            "Đề nghị bổ sung phần đánh giá {issue}, nhất là ở {place}.",
            "Dự thảo chưa đề cập đến {issue} tại {place}, đề nghị bổ sung.",
            "Đề nghị nêu thêm {issue} ở {place} vào phần hạn chế.",
        ),
        "issue",
    ),
    _Family(
        "add",
        3,
        (
            "Dự thảo cần bổ sung đánh giá về {r_issue}, đồng thời có giải pháp {r_prop}.",
            "Trước {r_issue}, đề nghị bổ sung giải pháp {r_prop}.",
            "Hiện nay {r_issue} vẫn chưa được giải quyết dứt điểm, đề nghị bổ sung giải pháp "
            "{r_prop}.",
            "Để khắc phục {r_issue}, cần {r_prop}.",
            "Đề nghị nêu rõ {r_issue} và bổ sung giải pháp {r_prop}.",
        ),
    ),
    _Family(
        "add",
        1,
        (
            "Đề nghị bổ sung {target} vào hệ thống chỉ tiêu chủ yếu.",
            "Nên có thêm {target} để dễ theo dõi, đánh giá việc thực hiện.",
        ),
        "target",
        ("chung",),
    ),
    _Family(
        "add",
        1,
        (
            "Đề nghị bổ sung nội dung về {topic} ở {place}, vì dự thảo chưa nhắc tới.",
            "Phần {topic} nên bổ sung thực tế của {place} để sát với địa phương hơn.",
        ),
    ),
    # --- disagree ----------------------------------------------------------------------------
    _Family(
        "disagree",
        3,
        (
            "Chưa đồng tình với {target} như dự thảo, vì {reason}.",
            "Không thống nhất với {target}, vì {reason}.",
            "Không tán thành {target} như dự thảo nêu, đề nghị tính toán lại vì {reason}.",
        ),
        "target",
    ),
    _Family(
        "disagree",
        2,
        (
            "Chưa đồng tình với đánh giá kết quả {ach} là tốt, vì {reason_eval}.",
            "Đánh giá kết quả {ach} như dự thảo là chưa sát thực tế, vì {reason_eval}.",
            "Không đồng ý với nhận định về {ach}; thực tế {reason_eval}.",
        ),
        "review",
    ),
    _Family(
        "disagree",
        1,
        (
            "Chưa đồng tình với cách viết phần {topic}, vì chưa nêu được {issue}.",
            "Không thống nhất với phần {topic}, dự thảo né tránh {issue}.",
        ),
        "issue",
    ),
    _Family(
        "disagree",
        1,
        (
            "Chưa đồng tình với việc dự thảo đánh giá {topic} là điểm sáng, vì {reason_eval}.",
            "Không thống nhất đưa {topic} vào phần kết quả nổi bật, vì {reason_eval}.",
        ),
    ),
    # --- other -------------------------------------------------------------------------------
    _Family(
        "other",
        3,
        (
            "Kiến nghị chính quyền sớm {local_req} ở {local_place}.",
            "Ngoài góp ý văn kiện, bà con đề nghị {local_req} ở {local_place}.",
            "Đề nghị địa phương quan tâm {local_req} ở {local_place}, bà con đã kiến nghị "
            "nhiều lần.",
        ),
    ),
    _Family(
        "other",
        2,
        (
            "Bà con phản ánh việc {local_issue} ở {local_place} còn chậm, đề nghị quan tâm "
            "giải quyết.",
            "Đề nghị xem xét việc {local_issue} cho các hộ ở {local_place}, vì đã chờ lâu.",
        ),
    ),
    _Family(
        "other",
        1,
        (
            "Đề nghị tổ chức lấy ý kiến rộng rãi hơn, nhất là với {group}.",
            "Đề nghị có hình thức phù hợp để {group} được tham gia góp ý văn kiện.",
        ),
    ),
)

# Comments on a document as a whole (no section), by stance.
WHOLE_DOCUMENT: dict[str, tuple[str, ...]] = {
    "agree": (
        "Thống nhất cao với bố cục và nội dung của {doc}.",
        "{doc} được chuẩn bị công phu, bố cục chặt chẽ, đánh giá khách quan; hoàn toàn nhất trí.",
        "Nhất trí với toàn bộ nội dung {doc}, không có ý kiến bổ sung.",
        "Bà con thống nhất với {doc}, văn kiện đã phản ánh được tâm tư, nguyện vọng của nhân dân.",
        "Tán thành {doc}, văn phong ngắn gọn, dễ hiểu, dễ đi vào cuộc sống.",
    ),
    "amend": (
        "{doc} còn dài, nhiều chỗ lặp ý; đề nghị viết gọn lại để dễ nhớ, dễ thực hiện.",
        "Đề nghị rà soát lỗi chính tả, cách viết hoa và cách trình bày số liệu trong {doc}.",
        "Một số chỗ trong {doc} dùng từ ngữ khó hiểu, nên diễn đạt lại cho người dân dễ hiểu.",
        "Phần hạn chế trong {doc} nên viết cụ thể hơn, chỉ rõ trách nhiệm của tập thể, cá nhân.",
        "Đề nghị thống nhất cách dùng các cụm từ “nhiệm kỳ” và “giai đoạn” trong {doc}.",
    ),
    "add": (
        "Đề nghị bổ sung phụ lục các chỉ tiêu kèm theo {doc} để tiện theo dõi, đánh giá.",
        "{doc} nên bổ sung phần đánh giá sâu hơn về tác động của dịch Covid-19.",
        "Đề nghị bổ sung vào {doc} vai trò của nhân dân trong giám sát thực hiện Nghị quyết.",
        "Cần bổ sung vào {doc} giải pháp thích ứng với biến đổi khí hậu, vì đây là vấn đề sống "
        "còn của vùng Đồng bằng sông Cửu Long.",
    ),
    "disagree": (
        "Phần đánh giá kết quả trong {doc} còn nặng về thành tích, chưa nói hết hạn chế; chưa "
        "đồng tình với cách viết này.",
        "Chưa đồng tình với nhận định chung trong {doc} là đã có nhiều chuyển biến, vì ở cơ sở "
        "còn nhiều khó khăn.",
    ),
    "other": (
        "Đề nghị gửi dự thảo về khu dân cư sớm hơn để bà con có thời gian nghiên cứu.",
        "Đề nghị in tóm tắt {doc} phát cho các hộ, vì văn kiện dài, bà con khó theo dõi.",
        "Đề nghị sau Đại hội thông tin lại cho nhân dân biết ý kiến đóng góp được tiếp thu "
        "như thế nào.",
        "Đề nghị tổ chức thêm buổi lấy ý kiến vào buổi tối để người lao động có thể tham gia.",
    ),
}

# Opening sentences.
LEADS_AGREE: tuple[str, ...] = (
    "Dự thảo được chuẩn bị công phu, kỹ lưỡng.",
    "Qua nghe giới thiệu nội dung dự thảo, bà con rất phấn khởi.",
    "Dự thảo có bố cục chặt chẽ, ngôn ngữ dễ hiểu.",
    "Bà con trong ấp đã nghiên cứu kỹ dự thảo.",
)
LEADS_PARTIAL: tuple[str, ...] = (
    "Cơ bản thống nhất với dự thảo.",
    "Về cơ bản đồng ý với nội dung dự thảo, tuy nhiên có một số ý kiến.",
    "Nhìn chung dự thảo đã đánh giá đúng tình hình.",
    "Qua nghiên cứu dự thảo, có ý kiến như sau.",
    "Thống nhất với bố cục của dự thảo.",
)
LEADS_BY_CATEGORY: dict[str, tuple[str, ...]] = {
    "notable_person": (
        "Là chức sắc tôn giáo ở địa phương, xin góp một số ý.",
        "Với tư cách người có uy tín trong đồng bào dân tộc, xin có ý kiến.",
        "Là trí thức sống lâu năm ở địa phương, xin góp một số ý.",
    ),
    "party_member": (
        "Là đảng viên sinh hoạt ở chi bộ ấp, xin góp ý.",
        "Là đảng viên lâu năm, xin có một số ý kiến.",
    ),
    "cadre": ("Qua thực tế công tác ở cơ sở, xin góp ý.",),
    "front_committee_member": ("Qua nắm tình hình nhân dân ở khu dân cư, xin phản ánh.",),
    "advisory_council": ("Qua nghiên cứu dự thảo, xin góp một số ý.",),
}
LEADS_BY_ORGANIZATION: dict[str, tuple[str, ...]] = {
    "farmers_union": ("Hội viên nông dân có ý kiến như sau.",),
    "womens_union": ("Chị em hội viên phụ nữ có ý kiến như sau.",),
    "veterans_association": ("Là cựu chiến binh, rất quan tâm đến công tác xây dựng Đảng.",),
    "youth_union": ("Đoàn viên thanh niên có ý kiến như sau.",),
    "trade_union": ("Đoàn viên công đoàn có ý kiến như sau.",),
}
# Closing sentences.
CLOSERS: dict[str, tuple[str, ...]] = {
    "agree": (
        "Tin tưởng Nghị quyết Đại hội sẽ sớm đi vào cuộc sống.",
        "Bà con phấn khởi, tin tưởng vào sự lãnh đạo của Đảng.",
        "Không có ý kiến gì thêm.",
    ),
    "amend": (
        "Đề nghị Ban soạn thảo nghiên cứu, tiếp thu.",
        "Đề nghị xem xét, chỉnh sửa.",
        "Có như vậy văn kiện mới chặt chẽ, dễ thực hiện.",
    ),
    "add": (
        "Đây là vấn đề bà con rất quan tâm.",
        "Đây là vấn đề bức xúc, kéo dài nhiều năm.",
        "Có như vậy mới phát triển bền vững được.",
        "Có như vậy mới tạo được niềm tin trong nhân dân.",
        "Đề nghị Ban soạn thảo nghiên cứu, tiếp thu.",
    ),
    "disagree": (
        "Đề nghị cân nhắc kỹ.",
        "Đề nghị xem xét lại cho phù hợp.",
    ),
    "other": (
        "Mong được quan tâm.",
        "Bà con rất mong được giải quyết sớm.",
    ),
}
# Small rewordings applied to a restated opinion: (old, new), first occurrence only.
REWORDINGS: tuple[tuple[str, str], ...] = (
    ("Đề nghị", "Kiến nghị"),
    ("Đề nghị bổ sung", "Đề nghị bổ sung thêm"),
    ("bổ sung giải pháp", "bổ sung thêm giải pháp"),
    ("; ", ", "),
    ("cho cụ thể hơn", "cụ thể hơn"),
    ("Thống nhất cao", "Rất thống nhất"),
    ("Tán thành", "Đồng ý"),
    ("Nhất trí", "Thống nhất"),
    ("Cần ", "Cần phải "),
    ("Nên ", "Cần "),
    ("với dự thảo", "với văn kiện"),
    ("Dự thảo nên", "Văn kiện nên"),
    ("bà con", "nhân dân"),
    ("Chưa đồng tình", "Không đồng tình"),
)

_AFFINITY: dict[str, tuple[str, ...]] = {
    "farmers_union": ("nong_nghiep", "moi_truong", "dat_dai", "kinh_te_bien"),
    "youth_union": ("viec_lam", "chuyen_doi_so", "giao_duc"),
    "womens_union": ("an_sinh", "y_te", "giao_duc", "van_hoa"),
    "veterans_association": ("quoc_phong", "xay_dung_dang", "tham_nhung"),
    "trade_union": ("viec_lam", "kinh_te", "ha_tang"),
    "notable_person": ("dan_toc", "ton_giao", "van_hoa"),
    "party_member": ("xay_dung_dang", "tham_nhung", "mat_tran"),
    "cadre": ("cai_cach", "chuyen_doi_so", "xay_dung_dang"),
}
_DOCUMENT_NAMES: dict[str, tuple[str, ...]] = {
    "BCCT-KG-XI": (
        "dự thảo Báo cáo chính trị",
        "dự thảo Báo cáo chính trị Đại hội Đảng bộ tỉnh",
        "dự thảo",
    ),
    "BCCT-XIII": (
        "dự thảo Báo cáo chính trị Đại hội XIII",
        "dự thảo Báo cáo chính trị của Trung ương",
        "dự thảo",
    ),
    "CLKTXH-XIII": (
        "dự thảo Chiến lược phát triển kinh tế - xã hội 10 năm 2021 - 2030",
        "dự thảo Báo cáo về Chiến lược 10 năm",
        "dự thảo",
    ),
    "XDD-XIII": (
        "dự thảo Báo cáo tổng kết công tác xây dựng Đảng",
        "dự thảo Báo cáo xây dựng Đảng và thi hành Điều lệ Đảng",
        "dự thảo",
    ),
}
_GENERIC_DOCUMENT_NAMES = ("dự thảo văn kiện", "dự thảo")


def _walk(sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for section in sections:
        found.append(section)
        found.extend(_walk(section.get("children", [])))
    return found


def _topics_for(heading: str) -> tuple[str, ...]:
    lowered = heading.lower()
    return tuple(t.key for t in TOPICS if any(k in lowered for k in t.keywords))


def _section_index() -> tuple[dict[tuple[str, str], tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Topics of every known section, and of every known document (union, in topic order)."""
    by_section: dict[tuple[str, str], tuple[str, ...]] = {}
    by_document: dict[str, tuple[str, ...]] = {}
    for document in DOCUMENTS:
        code = document["code"]
        for section in _walk(document["sections"]):
            by_section[(code, section["number"])] = _topics_for(section["heading"])
        for (doc, number), keys in list(by_section.items()):
            if doc == code and not keys and "." in number:  # fall back to the parent's topics
                by_section[(doc, number)] = by_section.get((doc, number.rsplit(".", 1)[0]), ())
        seen = {k for (doc, _), keys in by_section.items() if doc == code for k in keys}
        by_document[code] = tuple(t.key for t in TOPICS if t.key in seen)
    return by_section, by_document


_SECTION_TOPICS, _DOCUMENT_TOPICS = _section_index()
_HEADINGS: dict[tuple[str, str], str] = {
    (d["code"], s["number"]): s["heading"] for d in DOCUMENTS for s in _walk(d["sections"])
}
_PROVINCIAL = frozenset(d["code"] for d in DOCUMENTS if "tỉnh" in d["title"])
_FIELDS = string.Formatter()


def _slots(template: str) -> set[str]:
    return {name for _, name, _, _ in _FIELDS.parse(template) if name}


_SLOT_FIELD = {
    "ach": "achievements",
    "issue": "issues",
    "prop": "proposals",
    "target": "targets",
    "r_issue": "remedies",
    "r_prop": "remedies",
}


def _eligible(family: _Family, topic: _Topic) -> bool:
    needed = set().union(*(_slots(v) for v in family.variants))
    if topic.key in family.excluded:
        return False
    return all(getattr(topic, _SLOT_FIELD[s]) for s in needed if s in _SLOT_FIELD)


def _pick(rng: random.Random, weights: dict[Any, float]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _capitalize(sentence: str) -> str:
    for i, char in enumerate(sentence):
        if char.isalpha():
            return sentence[:i] + char.upper() + sentence[i + 1 :]
    return sentence


def _values(rng: random.Random, topic: _Topic, code: str) -> dict[str, str]:
    old, new = rng.choice(topic.pairs)
    r_issue, r_prop = rng.choice(topic.remedies)
    place_pool = topic.places if rng.random() < 0.75 else PLACES
    names = _DOCUMENT_NAMES.get(code, _GENERIC_DOCUMENT_NAMES)
    return {
        "topic": rng.choice(topic.names),
        "ach": rng.choice(topic.achievements),
        "issue": rng.choice(topic.issues),
        "prop": rng.choice(topic.proposals),
        "target": rng.choice(topic.targets) if topic.targets else "các chỉ tiêu chủ yếu",
        "old": old,
        "new": new,
        "r_issue": r_issue,
        "r_prop": r_prop,
        "place": rng.choice(place_pool),
        "group": rng.choice(topic.groups),
        "reason": rng.choice(REASONS),
        "reason_eval": rng.choice(REASONS_EVAL),
        "local_req": rng.choice(LOCAL_REQUESTS),
        "local_issue": rng.choice(LOCAL_ISSUES),
        "local_place": rng.choice(LOCAL_PLACES),
        "page": str(rng.randint(2, 48)),
        "line": str(rng.randint(1, 30)),
        "doc": rng.choice(names),
        "auth": "tỉnh" if code in _PROVINCIAL or code not in _DOCUMENT_TOPICS else "Trung ương",
    }


def _choose_topic(
    rng: random.Random, code: str, section: str | None, affinity: tuple[str, ...]
) -> _Topic:
    if section is not None and (code, section) in _SECTION_TOPICS:
        keys = _SECTION_TOPICS[(code, section)]
    else:
        keys = _DOCUMENT_TOPICS.get(code, ())
    if keys == ("chung",) and rng.random() < 0.65:
        keys = _DOCUMENT_TOPICS.get(code, ())  # a general section: any field of the document
    if not keys:
        keys = tuple(t.key for t in TOPICS)
    preferred = [k for k in keys if k in affinity]
    if preferred and rng.random() < 0.5:
        return _TOPIC_BY_KEY[rng.choice(preferred)]
    return _TOPIC_BY_KEY[rng.choice(keys)]


def _choose_family(rng: random.Random, stance: str, topic: _Topic, heading: str) -> int:
    lowered = heading.lower()
    focus = {
        "target": "chỉ tiêu" in lowered or "mục tiêu" in lowered,
        "issue": "hạn chế" in lowered or "yếu kém" in lowered,
        "review": "kết quả" in lowered or "đánh giá" in lowered,
    }
    weights: dict[int, float] = {}
    for index, family in enumerate(FAMILIES):
        if family.stance == stance and _eligible(family, topic):
            boost = 4.0 if family.focus and focus[family.focus] else 1.0
            weights[index] = family.weight * boost
    return int(_pick(rng, weights))


def _new_idea(
    rng: random.Random, sections: dict[str, list[str]], affinity: tuple[str, ...]
) -> dict[str, Any]:
    codes = list(sections)
    code = rng.choices(codes, weights=[1 + len(sections[c]) / 10 for c in codes])[0]
    numbers = sections[code]
    section = None if not numbers or rng.random() < WHOLE_DOCUMENT_SHARE else rng.choice(numbers)
    stance = str(_pick(rng, STANCES))
    topic = _choose_topic(rng, code, section, affinity)
    idea: dict[str, Any] = {
        "document_code": code,
        "section_number": section,
        "stance": stance,
        "topic": topic.key,
        "values": _values(rng, topic, code),
    }
    if section is None and rng.random() < 0.5:
        idea["whole"] = rng.randrange(len(WHOLE_DOCUMENT[stance]))
    else:
        heading = _HEADINGS.get((code, section), "") if section is not None else ""
        family = _choose_family(rng, stance, topic, heading)
        idea["family"] = family
        idea["variant"] = rng.randrange(len(FAMILIES[family].variants))
    return idea


def _core(idea: dict[str, Any], rng: random.Random, restated: bool) -> str:
    values: dict[str, str] = idea["values"]
    if "whole" in idea:
        templates = WHOLE_DOCUMENT[idea["stance"]]
        index = (
            idea["whole"] if not restated or rng.random() < 0.7 else rng.randrange(len(templates))
        )
        return _capitalize(templates[index].format(**values))
    variants = FAMILIES[idea["family"]].variants
    index = idea["variant"] if not restated or rng.random() < 0.5 else rng.randrange(len(variants))
    return _capitalize(variants[index].format(**values))


def _reword(text: str, rng: random.Random) -> str:
    for old, new in REWORDINGS:
        if old in text and new not in text and rng.random() < 0.3:
            text = text.replace(old, new, 1)
    if rng.random() < 0.1 and text.endswith("."):
        text = text[:-1]
    return text


def _render(
    idea: dict[str, Any], rng: random.Random, category: str, organization: str, restated: bool
) -> str:
    stance: str = idea["stance"]
    core = _core(idea, rng, restated)
    section = idea["section_number"]
    if section is not None and rng.random() < 0.15:
        heading = _HEADINGS.get((idea["document_code"], section), "")
        if heading.startswith("Phần thứ"):  # "Phần thứ hai. Tổng kết …" -> "Tổng kết …"
            heading = heading.split(". ", 1)[-1]
        if heading and len(heading) <= 60 and rng.random() < 0.5:
            core = f"Phần “{heading}”: {core}"
        else:
            core = f"{rng.choice(('Mục', 'Tại mục'))} {section}: {core}"
    sentences = [core]
    if "family" in idea and rng.random() < 0.12:  # a second point on the same topic
        topic = _TOPIC_BY_KEY[idea["topic"]]
        options = [
            i
            for i, f in enumerate(FAMILIES)
            if f.stance == stance and i != idea["family"] and not f.focus and _eligible(f, topic)
        ]
        if options:
            variants = FAMILIES[rng.choice(options)].variants
            values = _values(rng, topic, idea["document_code"])
            sentences.append(_capitalize(rng.choice(variants).format(**values)))
    lead_pool: tuple[str, ...] = ()
    roll = rng.random()
    if roll < 0.08:
        lead_pool = LEADS_BY_CATEGORY.get(category, ()) or LEADS_BY_ORGANIZATION.get(
            organization, ()
        )
    elif roll < 0.25 and stance != "other":
        lead_pool = LEADS_AGREE if stance == "agree" else LEADS_PARTIAL
    if lead_pool:
        sentences.insert(0, rng.choice(lead_pool))
    if rng.random() < 0.25:
        closer = rng.choice(CLOSERS[stance])
        opening = " ".join(closer.lower().split()[:3])
        if opening not in " ".join(sentences).lower():  # no "không có ý kiến" twice
            sentences.append(closer)
    text = " ".join(sentences)
    if restated:
        text = _reword(text, rng)
    while len(text) < 40:
        text = f"{text.rstrip('.')}. {rng.choice(CLOSERS[stance])}"
    if len(text) > 600:
        text = core
    return unicodedata.normalize("NFC", text)


def generate_comments(
    rng: random.Random, n: int, sections: dict[str, list[str]]
) -> list[dict[str, Any]]:
    """``n`` comments on the documents of ``sections`` (document code -> its section numbers).

    Each is a dict with ``document_code``, ``section_number`` (``None`` for the whole document),
    ``stance``, ``category``, ``channel``, ``organization``, ``people`` and ``content``.
    """
    if n <= 0:
        return []
    if not sections:
        raise ValueError("no documents to comment on")
    ideas: list[dict[str, Any]] = []
    comments: list[dict[str, Any]] = []
    for _ in range(n):
        category = str(_pick(rng, CATEGORIES))
        if category == "member_organization":
            organization = str(_pick(rng, MEMBER_ORGANIZATIONS))
        elif rng.random() < 0.88:
            organization = "front"
        else:
            organization = str(_pick(rng, MEMBER_ORGANIZATIONS))
        channel = str(_pick(rng, CHANNELS))
        people = 1 if channel == "media" else int(_pick(rng, PEOPLE))
        affinity = _AFFINITY.get(organization, ()) + _AFFINITY.get(category, ())
        restated = bool(ideas) and rng.random() < REPEAT_SHARE
        idea = rng.choice(ideas) if restated else _new_idea(rng, sections, affinity)
        ideas.append(idea)  # popular opinions come back more often
        comments.append(
            {
                "document_code": idea["document_code"],
                "section_number": idea["section_number"],
                "stance": idea["stance"],
                "category": category,
                "channel": channel,
                "organization": organization,
                "people": people,
                "content": _render(idea, rng, category, organization, restated),
            }
        )
    return comments
