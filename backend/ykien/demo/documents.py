"""Draft documents of the demo consultation (Kiên Giang, 2020 congresses).

The consultation follows the Kiên Giang Front's plan for the 2020 congresses: residential areas and
Front committees comment on the draft Political Report of the 11th provincial Party congress and on
the three draft documents of the 13th National Congress. The section trees paraphrase the usual
layout of such reports; the texts stay general on purpose and carry no figures.

Numbering scheme, the same in every document: a part or chapter is a Roman numeral ("II"), an item
inside it adds an Arabic number ("II.3"), a point inside an item adds a letter ("II.3.b"). Headings
that open a part keep the document's own wording ("Phần thứ nhất. …").
"""

from typing import Any

DOCUMENTS: list[dict[str, Any]] = [
    {
        "code": "BCCT-KG-XI",
        "title": (
            "Dự thảo Báo cáo chính trị của Ban Chấp hành Đảng bộ tỉnh khóa X trình Đại hội đại "
            "biểu Đảng bộ tỉnh lần thứ XI, nhiệm kỳ 2020 - 2025"
        ),
        "sections": [
            {
                "number": "I",
                "heading": (
                    "Phần thứ nhất. Đánh giá kết quả thực hiện Nghị quyết Đại hội đại biểu Đảng bộ "
                    "tỉnh lần thứ X, nhiệm kỳ 2015 - 2020"
                ),
                "text": (
                    "Trong bối cảnh có nhiều khó khăn, thách thức, Đảng bộ, chính quyền và nhân "
                    "dân trong tỉnh đã đoàn kết, nỗ lực thực hiện đạt và vượt phần lớn các chỉ "
                    "tiêu Nghị quyết Đại hội X đề ra."
                ),
                "children": [
                    {
                        "number": "I.1",
                        "heading": "Về phát triển kinh tế",
                        "children": [
                            {
                                "number": "I.1.a",
                                "heading": (
                                    "Sản xuất nông nghiệp, thủy sản gắn với xây dựng nông thôn mới"
                                ),
                                "text": (
                                    "Sản xuất nông nghiệp chuyển dịch theo hướng nâng cao giá trị, "
                                    "ứng dụng khoa học kỹ thuật; các mô hình tôm - lúa, lúa chất "
                                    "lượng cao được nhân rộng. Phong trào xây dựng nông thôn mới "
                                    "được nhân dân đồng tình hưởng ứng."
                                ),
                            },
                            {
                                "number": "I.1.b",
                                "heading": (
                                    "Phát triển kinh tế biển, du lịch, trọng tâm là huyện đảo Phú "
                                    "Quốc và các vùng du lịch Hà Tiên, Kiên Hải"
                                ),
                                "text": (
                                    "Du lịch có bước phát triển mạnh, Phú Quốc trở thành điểm đến "
                                    "hấp dẫn; khai thác, nuôi trồng thủy sản gắn với bảo vệ nguồn "
                                    "lợi và chủ quyền biển đảo."
                                ),
                            },
                            {
                                "number": "I.1.c",
                                "heading": (
                                    "Công nghiệp, thương mại, dịch vụ và kết cấu hạ tầng; thu hút "
                                    "đầu tư"
                                ),
                            },
                        ],
                    },
                    {
                        "number": "I.2",
                        "heading": "Về văn hóa - xã hội",
                        "children": [
                            {
                                "number": "I.2.a",
                                "heading": "Giáo dục và đào tạo, khoa học và công nghệ",
                            },
                            {
                                "number": "I.2.b",
                                "heading": (
                                    "Y tế, chăm sóc sức khỏe nhân dân và bảo hiểm y tế toàn dân"
                                ),
                            },
                            {
                                "number": "I.2.c",
                                "heading": (
                                    "Văn hóa, thông tin, thể dục thể thao; xây dựng đời sống văn "
                                    "hóa ở khu dân cư"
                                ),
                            },
                            {
                                "number": "I.2.d",
                                "heading": (
                                    "Lao động, việc làm, giảm nghèo và bảo đảm an sinh xã hội"
                                ),
                            },
                            {
                                "number": "I.2.e",
                                "heading": "Công tác dân tộc, tôn giáo",
                                "text": (
                                    "Đời sống đồng bào dân tộc Khmer từng bước được cải thiện; các "
                                    "tổ chức tôn giáo hoạt động đúng pháp luật, đồng hành cùng dân "
                                    "tộc."
                                ),
                            },
                        ],
                    },
                    {
                        "number": "I.3",
                        "heading": (
                            "Về quản lý tài nguyên, bảo vệ môi trường và ứng phó với biến đổi khí "
                            "hậu"
                        ),
                        "text": (
                            "Hạn hán, xâm nhập mặn và sạt lở bờ biển diễn biến phức tạp, ảnh hưởng "
                            "đến sản xuất và đời sống nhân dân."
                        ),
                    },
                    {
                        "number": "I.4",
                        "heading": "Về quốc phòng, an ninh và đối ngoại",
                    },
                    {
                        "number": "I.5",
                        "heading": "Về công tác xây dựng Đảng",
                        "children": [
                            {
                                "number": "I.5.a",
                                "heading": "Xây dựng Đảng về chính trị, tư tưởng, đạo đức",
                                "text": (
                                    "Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ "
                                    "Chí Minh; ngăn chặn, đẩy lùi suy thoái về tư tưởng chính trị, "
                                    "đạo đức, lối sống, những biểu hiện “tự diễn biến”, “tự chuyển "
                                    "hóa” trong nội bộ."
                                ),
                            },
                            {
                                "number": "I.5.b",
                                "heading": (
                                    "Công tác tổ chức, cán bộ và xây dựng tổ chức cơ sở đảng"
                                ),
                            },
                            {
                                "number": "I.5.c",
                                "heading": (
                                    "Công tác kiểm tra, giám sát, kỷ luật đảng; phòng, chống tham "
                                    "nhũng, lãng phí"
                                ),
                            },
                        ],
                    },
                    {
                        "number": "I.6",
                        "heading": (
                            "Về hoạt động của chính quyền, Mặt trận Tổ quốc và các đoàn thể chính "
                            "trị - xã hội"
                        ),
                        "children": [
                            {
                                "number": "I.6.a",
                                "heading": (
                                    "Hiệu lực, hiệu quả quản lý của chính quyền các cấp; cải cách "
                                    "hành chính"
                                ),
                            },
                            {
                                "number": "I.6.b",
                                "heading": (
                                    "Công tác dân vận, hoạt động của Mặt trận Tổ quốc và các đoàn "
                                    "thể; thực hiện dân chủ ở cơ sở"
                                ),
                            },
                        ],
                    },
                    {
                        "number": "I.7",
                        "heading": (
                            "Đánh giá chung: hạn chế, yếu kém, nguyên nhân và bài học kinh nghiệm"
                        ),
                    },
                ],
            },
            {
                "number": "II",
                "heading": (
                    "Phần thứ hai. Phương hướng, mục tiêu, nhiệm vụ và giải pháp nhiệm kỳ 2020 - "
                    "2025"
                ),
                "children": [
                    {
                        "number": "II.1",
                        "heading": "Dự báo tình hình và quan điểm chỉ đạo",
                    },
                    {
                        "number": "II.2",
                        "heading": "Mục tiêu tổng quát",
                        "text": (
                            "Phát huy sức mạnh đoàn kết, khai thác tiềm năng, lợi thế, phát triển "
                            "kinh tế - xã hội nhanh và bền vững, phấn đấu đưa Kiên Giang trở thành "
                            "tỉnh phát triển khá của vùng Đồng bằng sông Cửu Long."
                        ),
                    },
                    {
                        "number": "II.3",
                        "heading": "Các chỉ tiêu chủ yếu",
                        "children": [
                            {
                                "number": "II.3.a",
                                "heading": "Các chỉ tiêu về kinh tế",
                            },
                            {
                                "number": "II.3.b",
                                "heading": "Các chỉ tiêu về văn hóa - xã hội và môi trường",
                            },
                            {
                                "number": "II.3.c",
                                "heading": "Các chỉ tiêu về xây dựng Đảng",
                            },
                        ],
                    },
                    {
                        "number": "II.4",
                        "heading": "Nhiệm vụ và giải pháp chủ yếu",
                        "children": [
                            {
                                "number": "II.4.a",
                                "heading": (
                                    "Phát triển nông nghiệp theo hướng hiện đại, thích ứng với "
                                    "biến đổi khí hậu; nâng cao chất lượng xây dựng nông thôn mới"
                                ),
                            },
                            {
                                "number": "II.4.b",
                                "heading": (
                                    "Phát triển kinh tế biển, du lịch; xây dựng Phú Quốc thành "
                                    "trung tâm du lịch, dịch vụ chất lượng cao"
                                ),
                            },
                            {
                                "number": "II.4.c",
                                "heading": (
                                    "Phát triển công nghiệp, đô thị, giao thông và kết cấu hạ tầng"
                                ),
                            },
                            {
                                "number": "II.4.d",
                                "heading": (
                                    "Phát triển văn hóa - xã hội, nâng cao đời sống vật chất và "
                                    "tinh thần của nhân dân"
                                ),
                            },
                            {
                                "number": "II.4.e",
                                "heading": (
                                    "Tăng cường quốc phòng, an ninh, giữ vững chủ quyền biển đảo "
                                    "và an ninh biên giới"
                                ),
                            },
                            {
                                "number": "II.4.f",
                                "heading": (
                                    "Xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh; "
                                    "phát huy sức mạnh khối đại đoàn kết toàn dân tộc"
                                ),
                            },
                        ],
                    },
                    {
                        "number": "II.5",
                        "heading": "Các khâu đột phá",
                        "children": [
                            {
                                "number": "II.5.a",
                                "heading": (
                                    "Đầu tư kết cấu hạ tầng, trọng tâm là giao thông và hạ tầng "
                                    "thích ứng với biến đổi khí hậu"
                                ),
                            },
                            {
                                "number": "II.5.b",
                                "heading": (
                                    "Phát triển nguồn nhân lực, nhất là nhân lực chất lượng cao"
                                ),
                            },
                            {
                                "number": "II.5.c",
                                "heading": (
                                    "Đẩy mạnh cải cách hành chính, chuyển đổi số, cải thiện môi "
                                    "trường đầu tư kinh doanh"
                                ),
                            },
                        ],
                    },
                ],
            },
        ],
    },
    {
        "code": "BCCT-XIII",
        "title": (
            "Dự thảo Báo cáo chính trị của Ban Chấp hành Trung ương Đảng khóa XII tại Đại hội đại "
            "biểu toàn quốc lần thứ XIII của Đảng"
        ),
        "sections": [
            {
                "number": "I",
                "heading": (
                    "Kết quả thực hiện Nghị quyết Đại hội XII, nhìn lại 35 năm đổi mới và 10 năm "
                    "thực hiện Cương lĩnh năm 2011"
                ),
                "children": [
                    {
                        "number": "I.1",
                        "heading": "Những kết quả quan trọng đạt được",
                    },
                    {
                        "number": "I.2",
                        "heading": "Hạn chế, khuyết điểm và nguyên nhân",
                    },
                    {
                        "number": "I.3",
                        "heading": "Bài học kinh nghiệm",
                    },
                ],
            },
            {
                "number": "II",
                "heading": (
                    "Bối cảnh, tầm nhìn, mục tiêu và định hướng phát triển đất nước trong thời kỳ "
                    "mới"
                ),
                "children": [
                    {
                        "number": "II.1",
                        "heading": "Bối cảnh thế giới và trong nước",
                    },
                    {
                        "number": "II.2",
                        "heading": (
                            "Mục tiêu tổng quát, mục tiêu cụ thể đến năm 2025, 2030 và tầm nhìn "
                            "đến năm 2045"
                        ),
                    },
                ],
            },
            {
                "number": "III",
                "heading": (
                    "Hoàn thiện thể chế, phát triển kinh tế thị trường định hướng xã hội chủ "
                    "nghĩa, đổi mới mô hình tăng trưởng"
                ),
                "children": [
                    {
                        "number": "III.1",
                        "heading": (
                            "Phát triển kinh tế tư nhân, đổi mới doanh nghiệp nhà nước và kinh tế "
                            "tập thể"
                        ),
                    },
                    {
                        "number": "III.2",
                        "heading": "Phát triển nông nghiệp, nông thôn và kinh tế biển bền vững",
                    },
                ],
            },
            {
                "number": "IV",
                "heading": (
                    "Phát triển giáo dục và đào tạo, khoa học, công nghệ và đổi mới sáng tạo; thúc "
                    "đẩy chuyển đổi số quốc gia"
                ),
            },
            {
                "number": "V",
                "heading": (
                    "Phát triển văn hóa, xây dựng con người Việt Nam; bảo đảm an sinh xã hội, chăm "
                    "sóc sức khỏe nhân dân"
                ),
            },
            {
                "number": "VI",
                "heading": (
                    "Quản lý tài nguyên, bảo vệ môi trường, chủ động ứng phó với biến đổi khí hậu"
                ),
            },
            {
                "number": "VII",
                "heading": (
                    "Tăng cường quốc phòng, an ninh, bảo vệ vững chắc Tổ quốc và chủ quyền biển, "
                    "đảo"
                ),
            },
            {
                "number": "VIII",
                "heading": (
                    "Thực hiện đường lối đối ngoại độc lập, tự chủ, đa phương hóa, đa dạng hóa; "
                    "chủ động, tích cực hội nhập quốc tế"
                ),
            },
            {
                "number": "IX",
                "heading": (
                    "Phát huy dân chủ xã hội chủ nghĩa và sức mạnh đại đoàn kết toàn dân tộc"
                ),
                "children": [
                    {
                        "number": "IX.1",
                        "heading": "Thực hiện dân chủ ở cơ sở, phát huy quyền làm chủ của nhân dân",
                    },
                    {
                        "number": "IX.2",
                        "heading": (
                            "Vai trò của Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã "
                            "hội"
                        ),
                        "text": (
                            "Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội phát huy "
                            "vai trò giám sát, phản biện xã hội, tham gia xây dựng Đảng, chính "
                            "quyền."
                        ),
                    },
                    {
                        "number": "IX.3",
                        "heading": "Thực hiện chính sách dân tộc, tôn giáo",
                    },
                ],
            },
            {
                "number": "X",
                "heading": (
                    "Xây dựng và hoàn thiện Nhà nước pháp quyền xã hội chủ nghĩa; đẩy mạnh cải "
                    "cách hành chính"
                ),
            },
            {
                "number": "XI",
                "heading": (
                    "Xây dựng, chỉnh đốn Đảng toàn diện, nâng cao năng lực lãnh đạo và sức chiến "
                    "đấu của Đảng"
                ),
                "children": [
                    {
                        "number": "XI.1",
                        "heading": (
                            "Ngăn chặn, đẩy lùi suy thoái về tư tưởng chính trị, đạo đức, lối "
                            "sống, “tự diễn biến”, “tự chuyển hóa” trong nội bộ"
                        ),
                    },
                    {
                        "number": "XI.2",
                        "heading": (
                            "Xây dựng đội ngũ cán bộ các cấp, nhất là cấp chiến lược, đủ phẩm "
                            "chất, năng lực và uy tín"
                        ),
                    },
                    {
                        "number": "XI.3",
                        "heading": "Đẩy mạnh phòng, chống tham nhũng, lãng phí, tiêu cực",
                    },
                ],
            },
            {
                "number": "XII",
                "heading": "Nhiệm vụ trọng tâm và các đột phá chiến lược nhiệm kỳ Đại hội XIII",
            },
        ],
    },
    {
        "code": "CLKTXH-XIII",
        "title": (
            "Dự thảo Báo cáo tổng kết thực hiện Chiến lược phát triển kinh tế - xã hội 10 năm 2011 "
            "- 2020, xây dựng Chiến lược phát triển kinh tế - xã hội 10 năm 2021 - 2030"
        ),
        "sections": [
            {
                "number": "I",
                "heading": (
                    "Phần thứ nhất. Đánh giá kết quả thực hiện Chiến lược phát triển kinh tế - xã "
                    "hội 10 năm 2011 - 2020"
                ),
                "children": [
                    {
                        "number": "I.1",
                        "heading": (
                            "Kết quả thực hiện các mục tiêu, chỉ tiêu chủ yếu của Chiến lược"
                        ),
                    },
                    {
                        "number": "I.2",
                        "heading": "Kết quả thực hiện ba đột phá chiến lược",
                    },
                    {
                        "number": "I.3",
                        "heading": (
                            "Kết quả trên các lĩnh vực văn hóa, xã hội, môi trường, quốc phòng, an "
                            "ninh và đối ngoại"
                        ),
                    },
                    {
                        "number": "I.4",
                        "heading": "Hạn chế, yếu kém và nguyên nhân",
                    },
                    {
                        "number": "I.5",
                        "heading": "Bài học kinh nghiệm",
                    },
                ],
            },
            {
                "number": "II",
                "heading": "Phần thứ hai. Bối cảnh và quan điểm phát triển giai đoạn 2021 - 2030",
                "children": [
                    {
                        "number": "II.1",
                        "heading": "Bối cảnh quốc tế và trong nước",
                    },
                    {
                        "number": "II.2",
                        "heading": "Quan điểm phát triển",
                    },
                ],
            },
            {
                "number": "III",
                "heading": "Phần thứ ba. Mục tiêu chiến lược và các chỉ tiêu chủ yếu",
                "children": [
                    {
                        "number": "III.1",
                        "heading": "Mục tiêu tổng quát đến năm 2030",
                    },
                    {
                        "number": "III.2",
                        "heading": "Các chỉ tiêu chủ yếu về kinh tế, xã hội và môi trường",
                    },
                ],
            },
            {
                "number": "IV",
                "heading": "Phần thứ tư. Các đột phá chiến lược",
                "children": [
                    {
                        "number": "IV.1",
                        "heading": "Hoàn thiện thể chế phát triển, trước hết là thể chế kinh tế",
                    },
                    {
                        "number": "IV.2",
                        "heading": (
                            "Phát triển nguồn nhân lực, nhất là nhân lực chất lượng cao; khoa học, "
                            "công nghệ và đổi mới sáng tạo"
                        ),
                    },
                    {
                        "number": "IV.3",
                        "heading": (
                            "Xây dựng hệ thống kết cấu hạ tầng đồng bộ, hiện đại, nhất là giao "
                            "thông và hạ tầng số"
                        ),
                    },
                ],
            },
            {
                "number": "V",
                "heading": (
                    "Phần thứ năm. Phương hướng, nhiệm vụ và giải pháp phát triển kinh tế - xã hội"
                ),
                "children": [
                    {
                        "number": "V.1",
                        "heading": (
                            "Đổi mới mô hình tăng trưởng, cơ cấu lại nền kinh tế; phát triển kinh "
                            "tế số"
                        ),
                    },
                    {
                        "number": "V.2",
                        "heading": (
                            "Phát triển nông nghiệp, kinh tế nông thôn gắn với xây dựng nông thôn "
                            "mới; phát triển kinh tế biển"
                        ),
                    },
                    {
                        "number": "V.3",
                        "heading": (
                            "Phát triển văn hóa, giáo dục, y tế; giải quyết việc làm, giảm nghèo "
                            "bền vững"
                        ),
                    },
                    {
                        "number": "V.4",
                        "heading": (
                            "Quản lý tài nguyên, bảo vệ môi trường, phòng chống thiên tai, ứng phó "
                            "với biến đổi khí hậu"
                        ),
                    },
                    {
                        "number": "V.5",
                        "heading": (
                            "Phát triển vùng, liên kết vùng; phát triển bền vững vùng Đồng bằng "
                            "sông Cửu Long"
                        ),
                    },
                ],
            },
            {
                "number": "VI",
                "heading": "Phần thứ sáu. Tổ chức thực hiện Chiến lược",
            },
        ],
    },
    {
        "code": "XDD-XIII",
        "title": (
            "Dự thảo Báo cáo tổng kết công tác xây dựng Đảng và thi hành Điều lệ Đảng nhiệm kỳ Đại "
            "hội XII"
        ),
        "sections": [
            {
                "number": "I",
                "heading": "Phần thứ nhất. Tổng kết công tác xây dựng Đảng nhiệm kỳ Đại hội XII",
                "children": [
                    {
                        "number": "I.1",
                        "heading": "Công tác xây dựng Đảng về chính trị",
                    },
                    {
                        "number": "I.2",
                        "heading": (
                            "Công tác tư tưởng, đạo đức; học tập và làm theo tư tưởng, đạo đức, "
                            "phong cách Hồ Chí Minh"
                        ),
                    },
                    {
                        "number": "I.3",
                        "heading": (
                            "Công tác tổ chức, sắp xếp bộ máy tinh gọn, hoạt động hiệu lực, hiệu "
                            "quả và công tác cán bộ"
                        ),
                    },
                    {
                        "number": "I.4",
                        "heading": "Công tác kiểm tra, giám sát và kỷ luật của Đảng",
                    },
                    {
                        "number": "I.5",
                        "heading": "Công tác dân vận; phòng, chống tham nhũng, lãng phí",
                    },
                    {
                        "number": "I.6",
                        "heading": (
                            "Đổi mới phương thức lãnh đạo của Đảng đối với hệ thống chính trị"
                        ),
                    },
                    {
                        "number": "I.7",
                        "heading": "Hạn chế, khuyết điểm, nguyên nhân và bài học kinh nghiệm",
                    },
                ],
            },
            {
                "number": "II",
                "heading": "Phần thứ hai. Tổng kết thi hành Điều lệ Đảng",
                "children": [
                    {
                        "number": "II.1",
                        "heading": "Kết quả thi hành Điều lệ Đảng",
                        "children": [
                            {
                                "number": "II.1.a",
                                "heading": "Về đảng viên và công tác phát triển đảng viên",
                            },
                            {
                                "number": "II.1.b",
                                "heading": "Về nguyên tắc tổ chức và hoạt động của Đảng",
                            },
                            {
                                "number": "II.1.c",
                                "heading": "Về tổ chức cơ sở đảng và chất lượng sinh hoạt chi bộ",
                            },
                            {
                                "number": "II.1.d",
                                "heading": "Về công tác kiểm tra, giám sát và kỷ luật của Đảng",
                            },
                        ],
                    },
                    {
                        "number": "II.2",
                        "heading": (
                            "Những vấn đề đặt ra và đề xuất chưa sửa đổi, bổ sung Điều lệ Đảng "
                            "trong nhiệm kỳ Đại hội XIII"
                        ),
                        "text": (
                            "Điều lệ Đảng hiện hành về cơ bản vẫn phù hợp; những vấn đề mới phát "
                            "sinh được cụ thể hóa trong quy định, hướng dẫn thi hành."
                        ),
                    },
                ],
            },
            {
                "number": "III",
                "heading": (
                    "Phần thứ ba. Phương hướng, nhiệm vụ và giải pháp xây dựng, chỉnh đốn Đảng "
                    "nhiệm kỳ Đại hội XIII"
                ),
                "children": [
                    {
                        "number": "III.1",
                        "heading": (
                            "Tăng cường xây dựng Đảng về chính trị, tư tưởng, đạo đức; kiên quyết "
                            "đấu tranh với biểu hiện “tự diễn biến”, “tự chuyển hóa”"
                        ),
                    },
                    {
                        "number": "III.2",
                        "heading": (
                            "Xây dựng đội ngũ cán bộ, nhất là người đứng đầu, đủ phẩm chất, năng "
                            "lực và uy tín"
                        ),
                    },
                    {
                        "number": "III.3",
                        "heading": "Tăng cường kiểm tra, giám sát, kiểm soát quyền lực",
                    },
                    {
                        "number": "III.4",
                        "heading": (
                            "Củng cố mối quan hệ mật thiết giữa Đảng với nhân dân; đổi mới công "
                            "tác dân vận"
                        ),
                    },
                ],
            },
        ],
    },
]
